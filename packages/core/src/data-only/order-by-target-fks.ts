/** A dependency edge: `table` holds a foreign key `name` to `parent`. */
export interface FkEdge {
  name: string;
  table: string;
  parent: string;
}

export interface LoadOrder {
  /**
   * Tables in load order, parents first. Each group is one strongly connected set:
   * a single table, or the tables of a cycle (their order inside the group is free).
   */
  groups: string[][];
  /**
   * Edges between two tables of the same cycle: whichever table loads first meets them
   * before its parent rows exist, so they must be checked at COMMIT, not per statement.
   * A self-reference is not listed: PostgreSQL checks a NOT DEFERRABLE foreign key at
   * the end of each statement, so one COPY may hold children before their parents.
   */
  cycleEdges: FkEdge[];
}

/**
 * Orders tables so that every parent loads before its children (Tarjan's strongly
 * connected components; edges to tables outside `tables` are ignored). Deterministic:
 * ties are broken by name.
 */
export function orderByTargetFks(tables: readonly string[], edges: readonly FkEdge[]): LoadOrder {
  const names = [...new Set(tables)].sort();
  const known = new Set(names);
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of edges) if (known.has(e.table) && known.has(e.parent) && e.table !== e.parent) out.get(e.table)!.push(e.parent);
  for (const list of out.values()) list.sort();

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  // Iterative, so a long chain of tables cannot overflow the call stack.
  for (const root of names) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = out.get(frame.node)!;
      if (frame.next < targets.length) {
        const w = targets[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== frame.node);
        groups.push(group.sort());
      }
    }
  }
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((t) => groupOf.set(t, i)));
  const cycleEdges = edges.filter((e) => e.table !== e.parent && known.has(e.table) && known.has(e.parent) && groupOf.get(e.table) === groupOf.get(e.parent));
  return { groups, cycleEdges };
}
