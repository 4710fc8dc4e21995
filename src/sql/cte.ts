/** One named step of the generated query, with the comment written above it. */
export interface Cte {
  readonly name: string;
  /** What the rule does, in the runtime's words. */
  readonly comment: string;
  readonly sql: string;
}

/** A select list, one item a line; an item's comment follows its comma, so that the comment cannot swallow it. */
export function selectList(items: ReadonlyArray<string | readonly [sql: string, comment: string]>): string {
  return items
    .map((item, i) => {
      const [sql, comment] = typeof item === "string" ? [item, null] : item;
      return `${sql}${i < items.length - 1 ? "," : ""}${comment === null ? "" : ` -- ${comment}`}`;
    })
    .join("\n    ");
}

/** The query: its CTEs, each under its comment (`cteAs`: "AS" or "AS MATERIALIZED"), then the final select. */
export function renderQuery(ctes: readonly Cte[], select: string, cteAs = "AS"): string {
  const body = ctes.map((cte) => `-- ${cte.comment}\n${cte.name} ${cteAs} (\n  ${cte.sql}\n)`).join(",\n");
  return `WITH\n${body}\n${select}\n`;
}
