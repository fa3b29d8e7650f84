/** The Pareto front of points compared on two costs, both smaller-is-better. */

/** The points no other point beats on both costs (equal on one and smaller on the other beats), in input order. */
export function paretoFront<T>(points: readonly T[], first: (point: T) => number, second: (point: T) => number): T[] {
  return points.filter(
    (p) =>
      !points.some(
        (q) =>
          q !== p && first(q) <= first(p) && second(q) <= second(p) && (first(q) < first(p) || second(q) < second(p)),
      ),
  );
}
