// The registry of vendor modules `startSimulator` runs. One import and one list entry per vendor
// (see core/README.md, "Adding a vendor").
import { appviewxModule } from "./appviewx";
import type { VendorModule } from "./core/vendorModule";
import { netfoundryModule } from "./netfoundry";
import { oraclesbcModule } from "./oraclesbc";
import { pcaModule } from "./pca";
import { zitadelModule } from "./zitadel";

/** Every vendor the simulator knows, in start order. */
export const VENDOR_MODULES: readonly VendorModule[] = [
  pcaModule,
  zitadelModule,
  appviewxModule,
  netfoundryModule,
  oraclesbcModule,
];
