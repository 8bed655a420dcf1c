#!/usr/bin/env python3
"""Publish an agency's events (reunify's JSON Lines) to its topic, as an agency without Java would.

Needs only confluent-kafka (librdkafka) and avro (Apache Avro for Python), e.g. Debian's
python3-confluent-kafka and python3-avro. The schema comes from the pipeline's operators:

    reunify schema --format avsc > ReunificationEvent.avsc
    reunify schema --format fingerprint          # to pass as --expect-fingerprint

    python3 publish.py --bootstrap 127.0.0.1:9092 --agency nib --schema ReunificationEvent.avsc events.jsonl

Each record is the key (the case id in UTF-8) and the value in Avro single-object encoding: C3 01, the
schema's CRC-64-AVRO fingerprint (8 bytes, little-endian), the Avro binary body. Refused lines are reported
on stderr as FILE:LINE: reason; the exit code is 1 if any line was refused or failed to send.
"""

import argparse
import datetime
import io
import json
import re
import struct
import sys
import zoneinfo

import avro.io
import avro.schema
from confluent_kafka import Producer
from confluent_kafka import version as client_version

PUBLISHER = "publish.py/1.0 (confluent-kafka {})".format(client_version()[0])
AGENCY_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,31}")
ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
REGIONS = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32",
    "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61", "UA-63",
    "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}
DESTINATION = re.compile(r"[A-Z]{2}|OCCUPIED")
EARLIEST = datetime.date(2014, 2, 20)
MAX_LINE_BYTES = 64 * 1024
# The position of each type's record in the schema's "body" union. Written explicitly: avro's writer picks
# the last branch a value fits, and a deportation without a destination fits ReturnConfirmed too.
BRANCHES = {"DEPORTATION_REPORTED": 0, "RETURN_CONFIRMED": 1, "REPORT_RETRACTED": 2}
FIELDS = {
    "DEPORTATION_REPORTED": ({"type", "eventId", "caseId", "region", "occurredOn"}, {"destination"}),
    "RETURN_CONFIRMED": ({"type", "eventId", "caseId", "region", "occurredOn"}, set()),
    "REPORT_RETRACTED": ({"type", "eventId", "caseId", "retracts", "reason"}, set()),
}


class Refused(Exception):
    pass


def canonical_form(schema, named=None, namespace=""):
    """Avro's Parsing Canonical Form. Not avro's own: avro 1.11 keeps {"type":"int"} for a logical type where
    the specification (and the pipeline) write "int", and so computes a fingerprint the pipeline refuses."""
    named = set() if named is None else named
    if isinstance(schema, str):
        reference = full_name(schema, namespace)
        return json.dumps(reference if reference in named else schema)  # a named type's full name, or a primitive
    if isinstance(schema, list):
        return "[" + ",".join(canonical_form(branch, named, namespace) for branch in schema) + "]"
    kind = schema["type"]
    if kind in ("record", "enum", "fixed"):
        name = full_name(schema["name"], schema.get("namespace", namespace))
        namespace = name.rpartition(".")[0]
        if name in named:
            return json.dumps(name)
        named.add(name)
        parts = ['"name":' + json.dumps(name), '"type":' + json.dumps(kind)]
        if kind == "record":
            fields = ",".join(
                '{"name":' + json.dumps(f["name"]) + ',"type":' + canonical_form(f["type"], named, namespace) + "}"
                for f in schema["fields"])
            parts.append('"fields":[' + fields + "]")
        elif kind == "enum":
            parts.append('"symbols":' + json.dumps(schema["symbols"], separators=(",", ":")))
        else:
            parts.append('"size":' + str(schema["size"]))
        return "{" + ",".join(parts) + "}"
    if kind == "array":
        return '{"type":"array","items":' + canonical_form(schema["items"], named, namespace) + "}"
    if kind == "map":
        return '{"type":"map","values":' + canonical_form(schema["values"], named, namespace) + "}"
    return json.dumps(kind)  # a primitive, with or without a logical type


def full_name(name, namespace):
    return name if "." in name or not namespace else namespace + "." + name


def crc64_avro(data):
    empty = 0xC15D213AA4D7A795
    fp = empty
    for byte in data:
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp


def _table():
    empty = 0xC15D213AA4D7A795
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (empty & -(fp & 1))
        table.append(fp)
    return table


TABLE = _table()


def no_duplicate_fields(pairs):
    seen = {}
    for name, value in pairs:
        if name in seen:
            raise Refused("duplicate field '{}'".format(name))
        seen[name] = value
    return seen


def parse(line, today):
    try:
        event = json.loads(line, object_pairs_hook=no_duplicate_fields)
    except ValueError as e:
        raise Refused("not JSON: {}".format(e)) from None
    if not isinstance(event, dict):
        raise Refused("not a JSON object")
    kind = event.get("type")
    if kind not in FIELDS:
        raise Refused("type must be one of " + ", ".join(FIELDS))
    required, optional = FIELDS[kind]
    unknown = set(event) - required - optional
    if unknown:
        raise Refused("unknown field '{}' in a {} event".format(sorted(unknown)[0], kind))
    missing = required - set(event)
    if missing:
        raise Refused("missing field '{}'".format(sorted(missing)[0]))
    for name, value in event.items():
        if not isinstance(value, str):
            raise Refused("{} must be a string".format(name))
    for name in ("eventId", "caseId", "retracts"):
        if name in event and not ID.fullmatch(event[name]):
            raise Refused("{} must match [A-Za-z0-9._:-]{{1,64}}".format(name))
    if kind == "REPORT_RETRACTED":
        if len(event["reason"]) > 500:
            raise Refused("reason is longer than 500 characters")
        return event, {"retracts": event["retracts"], "reason": event["reason"]}
    if event["region"] not in REGIONS:
        raise Refused("region '{}' is not one of the 27 ISO 3166-2:UA codes".format(event["region"]))
    try:
        occurred = datetime.date.fromisoformat(event["occurredOn"])
    except ValueError:
        raise Refused("occurredOn must be an ISO date (YYYY-MM-DD)") from None
    if not EARLIEST <= occurred <= today:
        raise Refused("occurredOn must be from {} to {} (Kyiv)".format(EARLIEST, today))
    body = {"region": event["region"], "occurredOn": occurred}
    if kind == "DEPORTATION_REPORTED":
        destination = event.get("destination")
        if destination is not None and (destination == "UA" or not DESTINATION.fullmatch(destination)):
            raise Refused("destination must be an ISO 3166-1 alpha-2 code other than UA, or OCCUPIED")
        body["destination"] = destination
    return event, body


class Encoder:
    """Avro single-object encoding of events under one schema."""

    def __init__(self, schema_json):
        schema = avro.schema.parse(json.dumps(schema_json))
        self.branches = schema.fields_dict["body"].type.schemas
        fingerprint = crc64_avro(canonical_form(schema_json).encode("utf-8"))
        self.header = b"\xc3\x01" + struct.pack("<Q", fingerprint)

    def encode(self, agency, event, body):
        out = io.BytesIO()
        out.write(self.header)
        encoder = avro.io.BinaryEncoder(out)
        for value in (agency, event["eventId"], event["caseId"], PUBLISHER):
            encoder.write_utf8(value)
        branch = BRANCHES[event["type"]]
        encoder.write_long(branch)
        avro.io.DatumWriter(self.branches[branch]).write(body, encoder)
        return out.getvalue()


def config(pairs):
    settings = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        settings[name] = value
    return settings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--agency", required=True, help="the agency id: the topic is reunification.events.ID")
    parser.add_argument("--schema", required=True, help="ReunificationEvent.avsc from `reunify schema`")
    parser.add_argument("--expect-fingerprint", help="hex from `reunify schema --format fingerprint`")
    parser.add_argument("-X", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="a librdkafka setting, e.g. -X security.protocol=SASL_SSL (repeatable)")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args()
    if not AGENCY_ID.fullmatch(args.agency):
        parser.error("--agency must match [a-z0-9][a-z0-9-]{1,31}")
    with open(args.schema, encoding="utf-8") as f:
        encoder = Encoder(json.load(f))
    if args.expect_fingerprint and encoder.header[2:].hex() != args.expect_fingerprint.strip().lower():
        print("the schema's fingerprint is {}, not {}: wrong schema file".format(
            encoder.header[2:].hex(), args.expect_fingerprint), file=sys.stderr)
        return 2

    producer = Producer({
        "bootstrap.servers": args.bootstrap,
        "enable.idempotence": True,
        "acks": "all",
        # One request in flight: a broker up to 4.3.1 can refuse a retried first write to a new partition
        # as out of sequence (KAFKA-15591), and agency topics are new and gain partitions.
        "max.in.flight.requests.per.connection": 1,
        "linger.ms": 20,
        **config(args.settings),
    })
    topic = "reunification.events." + args.agency
    counts = {"published": 0, "refused": 0, "failed": 0}

    def delivered(error, _message):
        if error is None:
            counts["published"] += 1
        else:
            counts["failed"] += 1
            print("{}: failed to send: {}".format(topic, error), file=sys.stderr)

    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Kyiv")).date()
    for name in args.files:
        with open(name, "rb") as f:
            for number, raw in enumerate(f, start=1):
                try:
                    if len(raw) > MAX_LINE_BYTES:
                        raise Refused("line of {} bytes is over 64 KiB".format(len(raw)))
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        raise Refused("not UTF-8") from None
                    if not line.strip():
                        continue
                    event, body = parse(line, today)
                except Refused as refusal:
                    counts["refused"] += 1
                    print("{}:{}: {}".format(name, number, refusal), file=sys.stderr)
                    continue
                value = encoder.encode(args.agency, event, body)
                while True:
                    try:
                        producer.produce(topic, key=event["caseId"].encode("utf-8"), value=value,
                                         on_delivery=delivered)
                        break
                    except BufferError:
                        producer.poll(0.1)
                producer.poll(0)
    unsent = producer.flush(60)
    counts["failed"] += unsent
    print("{}: published {:,} to {}, refused {:,}{}".format(
        args.agency, counts["published"], topic, counts["refused"],
        ", failed to send {:,}".format(counts["failed"]) if counts["failed"] else ""))
    return 0 if counts["refused"] == 0 and counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
