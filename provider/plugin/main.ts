/**
 * `pulumi-resource-certplane`: the native provider plugin. The engine starts it with its own
 * address as the argument; it prints the port of its gRPC server and serves
 * `pulumirpc.ResourceProvider` (bin/pulumi-resource-certplane runs this file).
 */
import { main } from "@pulumi/pulumi/provider";
import { certplaneProvider } from "./certplaneProvider";
import { configSourceOf } from "./configureRequest";
import { interceptConfigure } from "./configureHandler";
import { configureHooks } from "./resourceHooks";

interceptConfigure((request) => configureHooks(configSourceOf(request)));
void main(certplaneProvider, process.argv.slice(2));
