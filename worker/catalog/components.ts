// Every document of a record, sub-items included ("… bản vẽ thiết kế, mỗi bộ gồm:" and its
// drawings), with the case it belongs to.
import type { Component, Procedure } from './schema';

export interface ComponentAt {
  component: Component;
  caseIndex: number;
}

export function allComponents(p: Procedure): ComponentAt[] {
  const out: ComponentAt[] = [];
  const walk = (c: Component, caseIndex: number) => {
    out.push({ component: c, caseIndex });
    for (const child of c.children) walk(child, caseIndex);
  };
  p.cases.forEach((c, i) => c.components.forEach((x) => walk(x, i)));
  return out;
}
