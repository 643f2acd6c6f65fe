#!/usr/bin/env python3
"""Writes the raw seed inputs of every fuzz target into OUT/TARGET/ (one file per input):
the differential-test texts (tests/data/diff/*.jsonl), the committed models, a few CSV rows.
`scripts/fuzz.sh` never reads these; they are merged, minimized, into fuzz/corpus/ with
    python3 fuzz/seeds.py /tmp/seeds && for t in ...; do BIN/$t -merge=1 fuzz/corpus/$t /tmp/seeds/$t; done
(see fuzz/README.md)."""
import csv
import io
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])


def write(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


texts = []
for name in ["textblob_cases.jsonl", "vader_cases.jsonl", "clean_cases.jsonl"]:
    for line in (ROOT / "tests/data/diff" / name).read_text().split("\n"):
        if not line:
            continue
        texts.append(json.loads(line)["text"])
with open(ROOT / "tests/data/customer_support_tickets.csv", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
description = header.index("Ticket Description")
texts += [r[description] for r in body[:20]]

for i, text in enumerate(texts):
    for target in ["textblob", "vader", "seed"]:
        write(target, f"text-{i}", text)

ids = ["1", '"a"', "null", '{"k": [1, 2.50]}', "18446744073709551617123", "-0.0", "[]"]
for i in range(0, len(texts), 7):
    lines = [
        json.dumps({"id": 0, "text": t}) if j % 2 else '{"text": %s, "id": %s}' % (json.dumps(t), ids[j % len(ids)])
        for j, t in enumerate(texts[i : i + 7])
    ]
    write("jsonl", f"lines-{i}", "\n".join(lines) + "\n")
edge = [
    '\ufeff{"id":1,"text":"bom"}\n',
    '[1,"x"]\n{"id":1,"text":"a"}\r\n\n  \n',
    '{"id":1,"text":"\\ud83d\\ude00 \\u00e9\\n\\t\\"\\\\\\/"}\n{"id":2,"text":"\\ud83d"}\n',
    '{"id":1,"text":7}\n{"id":1}\n{"text":"x"}\n{"id":1,"text":"a","id":2}\n{"id":1,"te\\u0078t":"a"}\n',
    '{"id":1,"text":"' + "a " * 200 + '"}\n{"id":2,"text":"after"}',
]
for i, data in enumerate(edge):
    write("jsonl", f"edge-{i}", data)
write("jsonl", "not-utf8", b'{"id":1,"text":"\xff"}\n{"id":2,"text":"ok"}\n')

for model in sorted((ROOT / "models").glob("*.bin")):
    data = model.read_bytes()
    write("model", model.stem, data)
    # The payload alone: the target also decodes each input behind a valid header and CRC.
    write("model", model.stem + "-payload", data[16:-4])


def csv_text(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


write("csv", "tickets-5", csv_text([header] + body[:5]))
short = "Ticket ID,Customer Age,Ticket Priority,Ticket Description,Ticket Channel,Ticket Type,Ticket Status\n"
write(
    "csv",
    "bad-rows",
    short
    + "1,30,Low,fine,Email,Refund request,Closed\n"
    + "2,NaN,Low,x,Email,Refund request,Open\n"
    + "3,-1,Low,x,Email,Refund request,Open\n"
    + "5,40,Urgent,x,Email,Refund request,Open\n"
    + '6,41,High,"unterminated\n',
)
write("csv", "header-only", short)
write("csv", "missing-column", "Ticket ID,Customer Age\n1,30\n")
