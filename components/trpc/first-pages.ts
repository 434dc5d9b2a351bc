// What each dashboard list asks for first (its default view). The server page prefetches exactly
// this and the client component starts with it, so the query keys match and the HTML arrives
// holding the first page. No "use client": server pages read these values, not client references.

export const firstTasksPage = { sort: "newest", limit: 25 } as const;
export const firstAgentsPage = (market: boolean) => ({ scope: market ? "public" : "all", limit: 100 }) as const;
export const firstTemplatesPage = (scope: "all" | "mine" | "public") => ({ scope, limit: 50 }) as const;
export const firstGenerationsPage = { limit: 25 } as const;
export const firstRunsPage = <S extends string>(filter: { status?: S; subjectId?: string }) => ({ ...filter, limit: 25 });
