/** A key's or connection's scopes in a table cell: the first four, then how many more. */
export const scopeSummary = (scopes: string[]) => (scopes.length > 4 ? `${scopes.slice(0, 4).join(", ")} +${scopes.length - 4}` : scopes.join(", "));
