// jstat ships no types; only what Tunebench calls is declared (tune/learn: beta; bench/separate: Student's t).
declare module 'jstat' {
  export const jStat: {
    beta: { inv(p: number, alpha: number, beta: number): number };
    studentt: { inv(p: number, dof: number): number };
  };
}
