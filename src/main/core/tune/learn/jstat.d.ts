// jstat ships no type definitions; only the Beta quantile is used.
declare module 'jstat' {
  export const jStat: { beta: { inv(p: number, alpha: number, beta: number): number } };
}
