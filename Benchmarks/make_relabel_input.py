#!/usr/bin/env python3
"""Writes a CSV export of unique synthetic work orders for benchmarking `triage relabel`.

Each row joins an agent's prefix, a ticket of corpus/dev.jsonl, an address drawn at random and a
callback number made from the row number, so rows are unique and read like exports of a ticket system.
The old label is the ticket's category under an older system's name, wrong for a few percent of
rows as hand labels are. Not committed: generate it when needed.

    python3 Benchmarks/make_relabel_input.py 1000000 /tmp/relabel-1m.csv
"""
import csv
import json
import pathlib
import random
import sys

OLD_NAMES = {
    "fault_repair": "故障报修", "outage_query": "停电信息查询", "billing": "电量电费", "complaint": "投诉",
    "new_connection": "业扩报装", "urging": "催办", "report": "举报", "praise": "表扬",
    "suggestion": "意见建议", "other": "其他",
}
PREFIXES = ["", "客户来电反映：", "客户来电称", "诉求：", "ཞབས་ཞུ་ཞུ་མཁན་གྱིས་", "客戶來電反映："]
PLACES = ["幸福路", "城关镇", "西宁市城北区", "玉树州结古镇", "ཡུལ་ཚོ་", "互助县"]


def main() -> None:
    rows, path = int(sys.argv[1]), sys.argv[2]
    random.seed(20261123)
    corpus = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "dev.jsonl"
    tickets = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    labels = list(OLD_NAMES.values())
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["工单编号", "受理内容", "业务类型", "区域"])
        for number in range(rows):
            ticket = random.choice(tickets)
            text = (random.choice(PREFIXES) + ticket["text"] + f" 地址：{random.choice(PLACES)}{random.randint(1, 999)}号"
                    + f" 电话：1{random.randint(30, 99)}{number:08d}")
            label = OLD_NAMES[ticket["category"]] if random.random() > 0.05 else random.choice(labels)
            writer.writerow([f"GD{number:08d}", text, label, random.choice(["urban", "rural", "remote", ""])])


if __name__ == "__main__":
    main()
