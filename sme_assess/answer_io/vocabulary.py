"""The words survey exports use that are not the pack's: respondent fields, metadata
columns, yes/no, "not applicable", "don't know", ticked and unticked option cells.

Every entry is compared after ``text.normalise`` (case, width and punctuation aside).
"""

from __future__ import annotations

import re

RESPONDENT_FIELDS = ("company", "sector", "size", "region", "contact", "date")
IGNORE = "ignore"

# Headers that name a respondent field.
RESPONDENT_ALIASES: dict[str, tuple[str, ...]] = {
    "company": (
        "company",
        "company name",
        "name of company",
        "name of the company",
        "business name",
        "enterprise",
        "enterprise name",
        "firm",
        "firm name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "企业名称",
        "公司名称",
        "企业",
        "公司",
        "单位名称",
        "单位",
        "企业全称",
        "公司全称",
        "企业名",
        "公司名",
    ),
    "sector": ("sector", "industry", "行业", "所属行业", "行业类别", "所在行业", "行业类型"),
    "size": (
        "size",
        "company size",
        "firm size",
        "number of employees",
        "employees",
        "企业规模",
        "规模",
        "公司规模",
        "员工人数",
        "员工数",
        "职工人数",
        "人数",
    ),
    "region": (
        "region",
        "province",
        "city",
        "location",
        "地区",
        "所在地区",
        "省份",
        "城市",
        "所在地",
        "所在城市",
        "区域",
        "所在省份",
    ),
    "contact": (
        "contact",
        "contact person",
        "contact name",
        "email",
        "e mail",
        "email address",
        "phone",
        "phone number",
        "mobile",
        "telephone",
        "联系人",
        "联系人姓名",
        "姓名",
        "联系方式",
        "联系电话",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "邮箱",
        "电子邮箱",
    ),
    "date": (
        "date",
        "timestamp",
        "submission time",
        "submissiondate",
        "submission date",
        "submitted",
        "submitted at",
        "completion time",
        "日期",
        "时间戳",
        "提交时间",
        "提交答卷时间",
        "填写日期",
        "填表日期",
        "完成时间",
        "创建时间",  # a Feishu / DingTalk table's record made by the form: when it was sent
    ),
}

# The lines of a contact block (SurveyMonkey's contact form: Name, Company, Address, Address 2,
# City/Town, State/Province, ZIP/Postal Code, Country, Email Address, Phone Number) that are
# the firm's contact, under a block that is no question (company is RESPONDENT_ALIASES').
CONTACT_BLOCK_LINES = frozenset(
    {
        "name",
        "first name",
        "last name",
        "address",
        "address 2",
        "city/town",
        "state/province",
        "zip/postal code",
        "country",
        "email address",
        "phone number",
        "地址",
        "邮政编码",
        "国家",
        "电子邮件地址",
        "电话号码",
    }
)

# The titles of such a block: a block of lines under another title (an office's own
# "Which channels [Phone]") is no contact of the firm's, and stays a column of no question.
CONTACT_BLOCK_TITLE = re.compile(
    r"contact|details|information|\binfo\b|about you|yourself|respondent|"
    r"联系|信息|资料|基本情况|个人",
    re.I,
)

# How offices start their own profile questions: "贵公司所属行业", "Your company's name".
OFFICE_PREFIXES = re.compile(
    r"^\s*(?:请填写|请选择|请问)?\s*(?:贵公司|贵企业|贵单位|您的公司|您公司|您企业|您的企业|本公司|本企业|"
    r"your company'?s?|your firm'?s?|your)\s*(?:的)?\s*",
    re.I,
)

# Columns survey tools add that are not answers; reported as such, never mapped.
SURVEY_METADATA = frozenset(
    {
        "id",
        "start time",
        "end time",
        "last modified time",
        "name",
        "start",
        "end",
        "today",
        "deviceid",
        "uuid",
        "index",
        "parent index",
        "parent table name",
        "version",
        "validation status",
        "notes",
        "status",
        "submitted by",
        "tags",
        "序号",
        "编号",
        "答题时间",
        "开始答题时间",
        "结束答题时间",
        "答题时长",
        "提交时间",
        "填写时间",
        "ip地址",
        "所用时间",
        "来源",
        "来源详情",
        "来自ip",
        "ip",
        "总分",
        # who sent the form and when the row last changed, as the office suites' tables
        # (Feishu / Lark Base, DingTalk AI table) name their system fields: the account
        # that submitted, never the firm (its contact is a question of the survey)
        "提交人",
        "提交者",
        "填写人",
        "创建人",
        "修改人",
        "最后更新时间",
        "最后修改时间",
        "更新时间",
        "修改时间",
        "自动编号",
        "答题序号",
        "答卷序号",
        "总得分",
        "得分",
        "分数",
        "score",
        "total score",
        "quiz score",
    }
)
# A column of the score a platform computed for one question (a quiz or 测评 export puts one
# beside each question: "3、题目(分数)", "Q3 (Score)", "第3题得分"): never an answer, though its
# header is the question's with a tag (which header matching otherwise sets aside). Only a
# bracketed tag or a numbered "第3题得分": an id such as quality_score stays a question.
SCORE_COLUMN = re.compile(  # possessive \s*+: blank runs side by side would be quadratic
    r"(?:[(（\[【]\s*+(?:分数|得分|分值|score|points?)\s*+[)）\]】]"
    r"|^\s*+第?\s*+\d++\s*+题?\s*+(?:得分|分数)"
    r")\s*+$",
    re.I,
)

NA_WORDS = frozenset({"n/a", "na", "n a", "not applicable", "does not apply", "不适用", "不涉及"})
UNKNOWN_WORDS = frozenset(
    {
        "unknown",
        "don't know",
        "dont know",
        "do not know",
        "not sure",
        "不清楚",
        "不知道",
        "不确定",
        "说不清",
    }
)
YES_WORDS = frozenset({"true", "yes", "y", "1", "是", "有", "对", "✓", "✔"})
NO_WORDS = frozenset({"false", "no", "n", "0", "否", "没有", "无", "不是"})
TRUTHY_OPTION_CELLS = frozenset(
    {"1", "true", "yes", "y", "x", "✓", "✔", "是", "selected", "checked", "选中", "已选"}
)
FALSY_OPTION_CELLS = frozenset({"0", "false", "no", "n", "否", "未选", "not selected"})
OTHER_WORDS = frozenset(
    {"other", "others", "other please specify", "其他", "其它", "其他请注明", "其它请注明"}
)
