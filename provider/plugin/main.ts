/**
 * `pulumi-resource-certplane`: the native provider plugin. The engine starts it with its own
 * address as the argument; it prints the port of its gRPC server and serves
 * `pulumirpc.ResourceProvider` (bin/pulumi-resource-certplane runs this file); its log lines go to
 * the engine.
 */
import { main } from "@pulumi/pulumi/provider";
import { certplaneProvider } from "./certplaneProvider";
import { configSourceOf } from "./configureRequest";
import { interceptConfigure } from "./configureHandler";
import { logToEngine } from "./engineLog";
import { interceptReadInputs } from "./readInputs";
import { configureHooks } from "./resourceHooks";

logToEngine(process.argv.slice(2));
interceptConfigure((request) => configureHooks(configSourceOf(request)));
interceptReadInputs();
void main(certplaneProvider, process.argv.slice(2));
