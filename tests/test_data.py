"""The shipped tree keeps the data rules: clean text, sources on every fact, full coverage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from buyer_guide.tree import Text, Tree
from tests.conftest import ROOT

GUIDE = ROOT.parent / "shared" / "seed" / "pdd-after-sales-guide.zh-Hant.txt"
DATA_FILES = sorted((ROOT / "data").rglob("*.yaml"))

# Scraping noise found inside words of the guide, and its advertising contact.
NOISE = ["改腔好", "核鉛", "申圓櫻請", "圓櫻", "螞段", "沖弊", "消納磨費者", "納磨", "和燃",
         "開洞判斗放", "判斗", "喚悄虛", "htys", "366"]  # fmt: skip
# Common characters written differently in Traditional Chinese, with their Simplified form.
T2S = dict(
    zip(
        "維簽賣買訂與這個們處還選擇請貨費務應當無說話時間聯繫後臺號碼寶貝"
        "問題質該單認評點擊開發現絡遞門後來會給對聽進過專業協駁員錄記證據"
        "裡麼條線鋪護權網購買產樣辦補運帳戶導誤實態",
        "维签卖买订与这个们处还选择请货费务应当无说话时间联系后台号码宝贝"
        "问题质该单认评点击开发现络递门后来会给对听进过专业协驳员录记证据"
        "里么条线铺护权网购买产样办补运账户导误实态",
        strict=True,
    )
)
TRADITIONAL = set(T2S)


def texts(obj: Any) -> Iterator[Text]:
    """Yield every Text inside a model object."""
    if isinstance(obj, Text):
        yield obj
    elif hasattr(obj, "_fields"):  # a model (named tuple)
        for name in obj._fields:
            yield from texts(getattr(obj, name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from texts(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from texts(value)


@pytest.fixture(scope="module")
def zh(tree: Tree) -> str:
    return "\n".join(t.get("zh-Hans") for t in texts(tree))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_no_scraping_noise_or_advert(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    assert [n for n in NOISE if n in content] == []


def test_simplified_text_has_no_traditional_characters(tree: Tree) -> None:
    found = {ch for t in texts(tree) for ch in t.get("zh-Hans") if ch in TRADITIONAL}
    assert found == set()


@pytest.mark.skipif(not GUIDE.exists(), reason="the source guide lives in ../shared")
def test_no_long_run_copied_from_the_guide(tree: Tree) -> None:
    raw = re.sub(r"\s", "", GUIDE.read_text(encoding="utf-8"))
    guide = "".join(T2S.get(ch, ch) for ch in raw)
    # Runs of prose only: a phone number or a URL is the same in any text.
    grams = {g for i in range(len(guide) - 9) if _is_prose(g := guide[i : i + 10])}
    copied = []
    # Source titles name the guide's parts on purpose; everything else is our own words.
    for t in texts(tree._replace(sources={})):
        value = re.sub(r"\s", "", t.get("zh-Hans"))
        copied += [value[i : i + 10] for i in range(len(value) - 9) if value[i : i + 10] in grams]
    assert copied == []


def _is_prose(run: str) -> bool:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in run) >= 6


PHONE = re.compile(r"(?<![\d-])(?:\d{3,4}-\d{7,8}|\d{3}-\d{4}-\d{3}|12315)(?![\d-])")


def test_every_phone_number_is_a_sourced_channel(tree: Tree) -> None:
    sourced = {c.contact for c in tree.channels.values() if c.contact and c.sources}
    mentioned = {m for t in texts(tree) for v in t.values.values() for m in PHONE.findall(v)}
    assert mentioned <= sourced
    assert {"021-53395288", "400-8822-528", "12315"} <= sourced


def test_every_web_address_is_a_sourced_channel(tree: Tree) -> None:
    hosts = {c.url.split("//")[1].rstrip("/") for c in tree.channels.values() if c.url}
    mentioned = {
        m for t in texts(tree) for v in t.values.values()
        for m in re.findall(r"[a-z0-9.-]+\.(?:cn|com)\b", v)
    }  # fmt: skip
    assert mentioned <= hosts


def test_phone_hours_keep_each_source_and_the_disagreement(tree: Tree) -> None:
    line = tree.channels["pdd_phone_021"]
    assert {(h.start, h.end, h.source) for h in line.hours} == {
        ("09:00", "24:00", "guide_p4"),
        ("09:00", "20:00", "guide_p10"),
        ("08:00", "21:30", "pdd_site_footer"),
    }
    only_guide = tree.channels["pdd_phone_400"]
    assert only_guide.unverified
    assert {h.source for h in only_guide.hours} <= {"guide_p4", "guide_p10"}
    assert tree.sources[only_guide.sources[0]].confidence == "low"


def test_48_hour_rule_is_marked_unverified(tree: Tree) -> None:
    deadline = tree.deadlines["seller_reply_48h"]
    assert deadline.unverified
    for outcome in tree.outcomes.values():
        for step in outcome.steps:
            if "seller_reply_48h" in step.deadlines or "48" in step.text.get("en"):
                assert step.unverified or "seller_reply_48h" in step.deadlines, step.id


# Every buyer-relevant instruction of the guide, by a phrase the tree must carry.
GUIDE_POINTS = {
    "inspect at delivery and refuse": ["验货", "拒收"],
    "refund only, reason not received": ["仅退款", "未收到货"],
    "quality-problem return within 7 days": ["质量问题", "退货退款", "7天"],
    "after-sales claim from My Orders": ["我的订单", "售后"],
    "claim demand chosen once, cancel is final": ["只能选一次", "取消"],
    "seller late: settled on the buyer's terms": ["逾期", "自动退款"],
    "seller refuses: platform intervenes": ["驳回", "介入"],
    "ignored chat: keep records, official service": ["聊天记录", "自行处理", "官方客服"],
    "app chat and personal center routes": ["个人中心", "官方客服"],
    "mini-program route": ["小程序", "我的消息"],
    "order page complaint button": ["投诉"],
    "WeChat official account": ["公众号", "平台客服"],
    "consumer complaint website and 12315": ["12315", "www.12315.cn"],
    "Black Cat Complaints": ["黑猫投诉", "tousu.sina.com.cn"],
    "phone lines and their hours": ["021-53395288", "400-8822-528", "9:00-24:00", "9:00-20:00"],
    "seller negotiation, two rounds": ["两轮", "协商"],
    "return address from the after-sales page": ["退货地址"],
    "return tracking number": ["单号"],
}


@pytest.mark.parametrize("point", sorted(GUIDE_POINTS))
def test_guide_point_is_in_the_tree(zh: str, point: str) -> None:
    missing = [phrase for phrase in GUIDE_POINTS[point] if phrase not in zh]
    assert missing == [], point


def test_every_source_is_cited_somewhere(tree: Tree) -> None:
    cited = {s for o in tree.outcomes.values() for step in o.steps for s in step.sources}
    cited |= {s for c in tree.channels.values() for s in c.sources}
    cited |= {h.source for c in tree.channels.values() for h in c.hours}
    cited |= {s for d in tree.deadlines.values() for s in d.sources}
    assert set(tree.sources) - cited == set()
