/**
 * What a token's refusal of the user PIN asks the user to do, by PKCS#11 return value: one table
 * for both ways certplane logs in, graphene-pk11's session (./tokenSession.ts) and OpenSSL's PKCS#11
 * engine in the mTLS handshake (./tokenTls.ts, which names the return value from the engine's reason).
 */

/** PKCS#11 return values of a refused login, and what each asks the user to check. */
export const LOGIN_REFUSALS: Record<string, string> = {
  CKR_PIN_INCORRECT: "the PIN is wrong. Check pkcs11.pin; repeated wrong PINs may lock the token",
  CKR_PIN_LEN_RANGE:
    "the PIN's length is outside what the token allows. Check pkcs11.pin; repeated wrong PINs may lock the token",
  CKR_PIN_INVALID: "the PIN has characters the token does not allow. Check pkcs11.pin",
  CKR_PIN_LOCKED:
    "the token's user PIN is locked after too many wrong PINs. Have the token's security officer " +
    "unlock it or set a new user PIN (e.g. `pkcs11-tool --login --login-type so --init-pin`), then " +
    "check pkcs11.pin",
  CKR_PIN_EXPIRED:
    "the user PIN has expired. Set a new user PIN on the token, then check pkcs11.pin",
  CKR_USER_PIN_NOT_INITIALIZED:
    "the token has no user PIN yet. Initialise it (SoftHSM2: `softhsm2-util --init-token`; an HSM: " +
    "its security officer sets the user PIN)",
  CKR_TOKEN_NOT_PRESENT: "the token is no longer present. Check that it is plugged in",
  CKR_DEVICE_REMOVED: "the token was removed. Check that it is plugged in",
};
