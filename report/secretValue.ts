/**
 * Pulumi's marker of a secret value in state (`{"4dabf…": "1b47…", "ciphertext": …}`): the report
 * reads only public outputs and never decrypts one of these.
 */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** Whether a state value is a secret (ciphertext, or plaintext as `--show-secrets` writes it). */
export const isSecret = (value: unknown): boolean =>
  typeof value === "object" && value !== null && SECRET_SIGNATURE in value;
