// Result of a control-driven operation on the simulated ERP: a value, or an HTTP-ish status and a
// message the control API turns into its error reply.

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export const fail = (status: number, message: string): Outcome<never> => ({ ok: false, status, message });
