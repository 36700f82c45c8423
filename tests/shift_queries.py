"""What staff type during a shift, and the card each query must bring up.

Written as people type at a counter: short, colloquial, often not the deck's words.
"""

SHIFT_QUERIES = {
    "客户哭了": "type-crying",
    "哭": "type-crying",
    "被骗了": "type-crying",
    "要拉横幅": "type-rage",
    "客户骂人": "type-rage",
    "找经理": "type-rage",
    "偷拍": "risk-undercover-media",
    "手机拍视频": "risk-undercover-media",
    "记者来了": "risk-open-media-visit",
    "采访": "risk-open-media-visit",
    "律师": "risk-identity",
    "要起诉": "risk-temperament",
    "找媒体": "risk-temperament",
    "冲柜台": "risk-aggressive-customer",
    "报警": "risk-aggressive-customer",
    "一群人来投诉": "risk-group-visit",
    "要利息": "principle-calm-first",
    "业务员承诺": "principle-gain-trust",
    "不是投保人": "principle-verify-identity",
    "委托书": "principle-verify-identity",
    "多久答复": "principle-allow-time",
    "沟通记录表": "principle-allow-time",
    "要去保监局": "type-silent-evidence",
    "客户不说话": "type-silent-evidence",
    "离职业务员": "type-former-agent",
    "代客户投诉": "type-active-agent",
    "打断客户": "step-1-let-vent",
    "道歉": "step-2-apologize",
    "急用钱": "step-4-offer-options",
    "保单恢复期": "step-4-offer-options",
    "客户想怎么解决": "step-5-ask-opinion",
    "回访": "step-6-follow-up",
}

# Realistic, but nothing on this site is about it.
NOTHING_QUERIES = ["高铁", "股票", "咖啡"]
