export function plainProblem(message: string): string;
