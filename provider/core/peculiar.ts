/**
 * @peculiar/x509, set up once: its dependency injection needs the reflect-metadata polyfill, and its
 * signing and verification run on Node's native WebCrypto.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
