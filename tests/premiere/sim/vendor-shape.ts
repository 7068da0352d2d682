/**
 * Ties the simulator to the vendor's declarations (@adobe/premierepro 26.3.0). A simulator class
 * `implements VendorShape<Project, 'importFiles' | ...>`, so each simulated method must exist in the
 * vendor type under that name and accept exactly the vendor's parameters; properties keep the vendor
 * type. Return types are left open (a simulated Sequence is not a full vendor Sequence), which is
 * where the one cast in `asPremierePro` is needed.
 */
export type VendorShape<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : T[P];
};
