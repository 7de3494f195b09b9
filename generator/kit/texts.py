"""Display texts the builder resolves for deliverables: material and reconciliation names."""

from __future__ import annotations

MATERIALS = {
    "en": {
        "slides": "Slides",
        "exercise-script": "Exercise script",
        "quick-reference-card": "Quick-reference card",
        "video": "Video",
        "handbook": "Handbook",
        "sandbox": "Sandbox environment",
        "e-learning": "E-learning",
    },
    "zh": {
        "slides": "培训课件",
        "exercise-script": "练习脚本",
        "quick-reference-card": "快速参考卡",
        "video": "视频",
        "handbook": "用户手册",
        "sandbox": "练习环境",
        "e-learning": "在线课程",
    },
}
RECONCILIATION = {
    "en": {
        "record-count": "Record counts",
        "record-count-and-sample": "Record counts and sample check",
        "hash-total": "Hash totals",
        "control-total": "Control totals",
        "balance-tie-out": "Balance tie-out",
        "sample": "Sample check",
    },
    "zh": {
        "record-count": "记录数核对",
        "record-count-and-sample": "记录数核对加抽样检查",
        "hash-total": "哈希总计核对",
        "control-total": "控制总数核对",
        "balance-tie-out": "余额核对",
        "sample": "抽样检查",
    },
}
