import { dirname } from 'node:path';
import { type History, historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

/**
 * History <-> proto JSON (the format of `temporal workflow show --output json`), through the
 * SDK's historyToJSON/historyFromJSON when they work.
 *
 * They do not in an install where @temporalio/common and @temporalio/proto each have a nested
 * copy of protobufjs (as here: the hoisted protobufjs is the 7.x of @grpc/proto-loader, the
 * Temporal packages need 8.x): common's protojson then refuses proto's types with "type must be
 * a Type". The fallback runs the same steps with the protojson of the copy that owns the types.
 */

type ProtoJson = {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): History | null;
};

const isForeignTypeError = (error: unknown) => error instanceof TypeError && error.message === 'type must be a Type';

let fallback: { protojson: ProtoJson; historyType: unknown } | undefined;
function protoOwnedProtojson() {
  if (!fallback) {
    const fromProto = { paths: [dirname(require.resolve('@temporalio/proto'))] };
    // A computed path: the protobufjs that @temporalio/proto resolves, loaded through jest's registry like it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protojson = require(require.resolve('protobufjs/ext/protojson', fromProto)) as ProtoJson;
    const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown };
    fallback = { protojson, historyType: root.lookupType('temporal.api.history.v1.History') };
  }
  return fallback;
}

/** The history as pretty-printed proto JSON, exactly as historyToJSON writes it. */
export function historyToJson(history: History): string {
  try {
    return historyToJSON(history);
  } catch (error) {
    if (!isForeignTypeError(error)) throw error;
    const { protojson, historyType } = protoOwnedProtojson();
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(protojson.toJson(historyType, message), null, 2);
  }
}

/**
 * A History (int64 ids as Longs) from proto JSON as historyToJson writes it, ready for
 * Worker.runReplayHistory (which, given the JSON, would call historyFromJSON itself).
 */
export function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (error) {
    if (!isForeignTypeError(error)) throw error;
    const { protojson, historyType } = protoOwnedProtojson();
    const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
    if (!history) throw new TypeError('invalid history JSON');
    return history;
  }
}
