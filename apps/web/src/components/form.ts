/** A field's Carbon props for its error message: invalid when there is one, and the message. */
export const invalidWith = (message: string | undefined): { invalid: boolean; invalidText: string | undefined } => ({
  invalid: Boolean(message),
  invalidText: message,
});
