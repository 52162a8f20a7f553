"""Survey exports laid out exactly as real ones found in public repositories (their own
columns, header rows and quiz columns), with this questionnaire's questions put in place of
theirs: each platform's own columns are never answers, and a quiz's points never one."""

from __future__ import annotations

import shutil

from ..conftest import PACKS
from .conftest import Export

PACK = PACKS / "manufacturing-sme"

PRODUCE = "How do you mainly produce?"
NETWORKED = "And how many are networked so that a system can read their data?"


def test_a_qualtrics_export_in_another_language_leaves_its_own_columns_out(export: Export) -> None:
    """ropensci/qualtRics tests/testthat/files/sample.csv: a German survey's export, whose
    second row names Qualtrics' own columns in German (Anfangsdatum over StartDate). Those
    columns were 13 filled cells "under a column that matches no question": --check-mapping
    exited 1 on them, and every firm's notes listed them. So was "Q2 - Topics", the topics
    Text iQ found in a typed answer ({"ImportId":"QID2_TEXT_<id>Topics"})."""
    codes = (
        "StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,"
        "RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,"
        "ExternalReference,LocationLatitude,LocationLongitude,DistributionChannel,UserLanguage,"
        "Q1,Q2,Q2 - Topics"
    )
    german = (
        "Anfangsdatum,Enddatum,Antworttyp,IP-Adresse,Aktueller Stand,Dauer (in Sekunden),"
        "Beendet,Erfassungsdatum,Antwort-ID,Nachname des Empfängers,Vorname des Empfängers,"
        "E-Mail des Empfängers,Externe Datenreferenz,Breitengrad des Standorts,"
        f"Längengrad des Standorts,Verteilungskanal,Benutzersprache,{PRODUCE},{NETWORKED},"
        "Q2 - Topics"
    )
    import_ids = [
        *("startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished"),
        *("recordedDate", "_recordId", "recipientLastName", "recipientFirstName"),
        *("recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude"),
        *("distributionChannel", "userLanguage", "QID1", "QID2_TEXT"),
        "QID2_TEXT_eae5a8d0e7fd4bd183e983e5Topics",
    ]
    ids = ",".join(f'"{{""ImportId"":""{i}""}}"' for i in import_ids)
    row = (
        "2017-07-18 08:28:09,2017-07-18 08:28:48,0,130.92.34.66,100,38,1,2017-07-18 08:28:48,"
        "R_2YPOQ602ER1jkf1,,,,,47.115097045898,7.2315979003906,anonymous,DE,"
        'Discrete manufacturing,12,"Production; Networks"'
    )
    check = export.check("q.csv", f"{codes}\n{german}\n{ids}\n{row}\n", platform="Qualtrics")
    assert "under columns that match no question" not in check.stdout
    assert "Anfangsdatum" in check.stdout and "survey metadata" in check.stdout


def test_a_qualtrics_legacy_export_is_read_under_its_second_row(export: Export) -> None:
    """ropensci/qualtRics tests/testthat/files/sample_legacy.csv: the legacy exporter's first
    row is V1 ... V10, Q1, Q2 and its second ResponseID, ResponseSet ... and the question
    texts. It was read as a table of its own: every column, the questions too, "matches no
    question", so no answer was read."""
    check = export.check(
        "legacy.csv",
        "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,LocationLatitude,LocationLongitude,"
        "LocationAccuracy,\n"
        "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,"
        f"StartDate,EndDate,Finished,{PRODUCE},{NETWORKED},LocationLatitude,LocationLongitude,"
        "LocationAccuracy,\n"
        "R_2YPOQ602ER1jkf1,Standard-Antwortsatz,Anonym,,,130.92.34.66,0,2017-07-18 08:28:09,"
        "2017-07-18 08:28:48,1,Discrete manufacturing,12,47.115097045898,7.2315979003906,-1,\n",
        platform="Qualtrics",
    )
    assert "2 header rows" in check.stdout
    (answers,) = export.answers("legacy.csv")
    assert answers["production_type"] == "discrete"
    assert answers["machines_networked"] == 12


def test_a_microsoft_forms_quizs_points_are_never_read_as_an_answer(export: Export) -> None:
    """A Microsoft Forms quiz export (a public app's import test: "admin can import Microsoft
    Forms questions and historical attempts"): Total points, Quiz feedback, and beside each
    question "Points - <question>" and "Feedback - <question>". The points column named the
    question, so it was read as a second column of it: a firm that left the number empty was
    scored with the 2 points Forms gave as its answer (2 networked machines)."""
    export.check(
        "quiz.csv",
        "ID,Start time,Completion time,Email,Name,Total points,Quiz feedback,Last modified time,"
        f"Company name,Points - Company name,{PRODUCE},Points - {PRODUCE},Feedback - {PRODUCE},"
        f"{NETWORKED},Points - {NETWORKED}\n"
        "1,7/27/26 19:06:23,7/27/26 19:17:10,anonymous,,4,,,Acme,,Discrete manufacturing,2,,,2\n"
        "2,7/27/26 19:08:00,7/27/26 19:22:00,a@example.com,,2,,,Beta,,Process manufacturing,2,"
        "Well done,12,0\n",
        platform="the points a Microsoft Forms quiz gave",
    )
    first, second = export.answers("quiz.csv")
    assert "machines_networked" not in first
    assert second["machines_networked"] == 12
    assert first["production_type"] == "discrete"


def test_a_microsoft_forms_quiz_in_chinese_keeps_its_points_out(export: Export) -> None:
    """The quiz export above as Microsoft Forms writes it in Chinese: ID, 开始时间, 完成时间,
    电子邮件, 名称, 总分, 测验反馈, 上次修改时间, and beside each question "分数 - <问题>" and
    "反馈 - <问题>" (the Chinese Forms' words for Points, Feedback, Total points). "分数 -
    <问题>" named the question as a grid row of it, so it was read as a second column of it:
    the firm that left the number empty was scored with the 2 points as 2 networked machines."""
    produce, networked = (
        "主要是哪种生产方式？",
        "其中，已经联网、系统能直接读到数据的有多少台（套）？",
    )
    check = export.check(
        "quiz.csv",
        "ID,开始时间,完成时间,电子邮件,名称,总分,测验反馈,上次修改时间,企业名称,"
        f"{produce},分数 - {produce},反馈 - {produce},{networked},分数 - {networked}\n"
        "1,2026/7/27 19:06:23,2026/7/27 19:17:10,anonymous,,4,,,甲厂,离散型制造,2,,,2\n"
        "2,2026/7/27 19:08:00,2026/7/27 19:22:00,a@example.com,,2,,,乙厂,流程型制造,2,做得好,"
        "12,0\n",
        platform="Microsoft Forms",
    )
    assert check.stdout.count("the points a Microsoft Forms quiz gave") == 2
    assert "the feedback a Microsoft Forms quiz gave" in check.stdout
    assert "duplicate" not in check.stdout
    first, second = export.answers("quiz.csv")
    assert "machines_networked" not in first
    assert second["machines_networked"] == 12
    assert first["production_type"] == "discrete"


def test_a_jinshuju_exports_wechat_columns_are_its_own(export: Export) -> None:
    """金数据's columns after the fields, as a public app's view of a Jinshuju export lists
    them (…, 微信昵称, 微信性别, 微信国家, 微信省市, 微信市, openid, 提交人, 提交时间, 修改时间,
    填写设备, 操作系统, 浏览器, ip): 微信省市, 微信市 and openid were "matches no question"."""
    export.check(
        "jsj.csv",
        "序号,企业名称,主要是哪种生产方式?,微信昵称,微信性别,微信国家,微信省市,微信市,openid,"
        "提交人,提交时间,修改时间,填写设备,操作系统,浏览器,ip\n"
        "1,甲厂,离散型制造,阿明,男,中国,浙江,杭州,oXyz123,匿名,2024-05-03 10:00:00,"
        "2024-05-03 10:00:00,Mobile,iOS,WeChat,1.2.3.4\n",
        platform="金数据",
    )


def test_limesurvey_timings_are_never_read_as_answers(export: Export) -> None:
    """A LimeSurvey survey that saves timings exports the seconds spent beside the answers:
    with question-code headings interviewtime, groupTime<n> and <code>Time (as a public
    analysis script lists a LimeSurvey export's columns: "id","submitdate","lastpage",
    "startlanguage",...,"M1",...,"interviewtime","groupTime8106","M1Time",...), with full
    question text "Total time", "Group time: <group>", "Question time: <code>" (a public R
    script drops columns matching "^(Question)|(Group)|(Total) time"). "Question time:
    machines_networked" named the question, so it was read as a second column of it: a
    firm that left the number empty was scored with the 12.25 seconds as its answer."""
    check = export.check(
        "codes.csv",
        "id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,ipaddr,refurl,"
        "production_type,machines_networked,interviewtime,groupTime8106,production_typeTime,"
        "machines_networkedTime\n"
        "1,2024-05-03 10:00:00,3,en,123,2024-05-03 09:50:00,2024-05-03 10:00:00,1.2.3.4,,"
        "discrete,12,600.5,300.2,10.5,12.25\n",
        platform="LimeSurvey",
    )
    assert check.stdout.count("the seconds LimeSurvey timed") == 4
    check = export.check(
        "text.csv",
        "Response ID,Date submitted,Last page,Start language,Seed,Company name,"
        f"{PRODUCE},{NETWORKED},Total time,Group time: Production,"
        "Question time: production_type,Question time: machines_networked\n"
        "1,2024-05-03 10:00:00,3,en,123,Acme,Discrete manufacturing,,600.5,300.2,10.5,12.25\n",
    )
    assert "duplicate" not in check.stdout
    (answers,) = export.answers("text.csv")
    assert "machines_networked" not in answers
    assert answers["production_type"] == "discrete"


def test_a_surveymonkey_contact_form_is_no_question_of_ours(export: Export) -> None:
    """A SurveyMonkey export's header rows as a public app that parses one spells them out
    (row 1: Respondent ID, Collector ID, Start Date, End Date, IP Address, Email Address,
    First Name, Last Name, Custom Data 1, "Contact information" over four columns ...; row 2:
    empty over SurveyMonkey's own columns, then Name, Email, … and "Response",
    "Open-Ended Response"). A contact form's "Name" was read as the question "Is one named
    person responsible for network and data security?" (a grid row held in its text: "name"
    in "named") and "Phone" as "What do front-line workers use screens and phones for?":
    the firm's name and phone number were refused as answers to them."""
    check = export.check(
        "sm.csv",
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,"
        f"Last Name,Custom Data 1,Contact information,,,,{PRODUCE},,{NETWORKED}\n"
        ",,,,,,,,,Name,Company,Email,Phone,Response,Other (please specify),"
        "Open-Ended Response\n"
        "114231,4321,05/03/2024 10:00:00 AM,05/03/2024 10:10:00 AM,1.2.3.4,,,,,Wang,Acme,"
        "w@acme.cn,138,Discrete manufacturing,,12\n",
        platform="SurveyMonkey",
    )
    assert "security_owner" not in check.stdout.split("required questions")[0]
    assert "frontline_devices" not in check.stdout.split("required questions")[0]
    (answers,) = export.answers("sm.csv")
    assert "security_owner" not in answers and "frontline_devices" not in answers
    assert answers["production_type"] == "discrete"
    assert answers["machines_networked"] == 12


def test_an_odk_central_export_with_xlsforms_metadata_questions(export: Export) -> None:
    """ODK Central's CSV as a public sync script lists one form's columns ("SubmissionDate,
    username,start,end,today,deviceid,subscriberid,A-A1.1,…,meta-instanceID,KEY,SubmitterID,
    SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,
    FormVersion"; getodk/central-backend's own tests give the same tail): username and
    subscriberid, XLSForm metadata, were "matches no question" (--check-mapping exit 1)."""
    check = export.check(
        "central.csv",
        "SubmissionDate,username,start,end,today,deviceid,subscriberid,profile-production_type,"
        "meta-instanceID,KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,"
        "Status,ReviewState,DeviceID,Edits,FormVersion\n"
        "2024-05-01T10:00:00.000Z,enum1,2024-05-01T09:00:00.000+08:00,"
        "2024-05-01T09:30:00.000+08:00,2024-05-01,collect:abc,imsi:123,discrete,uuid:1,uuid:1,"
        "5,Alice,0,0,,,,0,1\n",
        platform="ODK Central",
    )
    assert "production_type" in check.stdout


def test_a_tencent_surveys_location_and_user_columns_are_its_own(export: Export) -> None:
    """腾讯问卷's columns around the answers, as a public script that reorders a Tencent
    export lists them (…, 开始答题时间, 结束答题时间, 答题时长, 地理位置国家和地区, 地理位置省,
    地理位置市, 用户类型, 用户标识, 昵称, 自定义字段): the location columns (the IP's, not the
    firm's region) and the user columns were "matches no question" (--check-mapping exit 1)."""
    check = export.check(
        "tencent.csv",
        "编号,企业名称,主要是哪种生产方式?,开始答题时间,结束答题时间,答题时长,地理位置国家和地区,"
        "地理位置省,地理位置市,用户类型,用户标识,昵称,自定义字段\n"
        "1,甲厂,离散型制造,2024-05-03 10:00:00,2024-05-03 10:10:00,600,中国,浙江,杭州,"
        "微信,oAbc,阿明,\n",
        platform="腾讯问卷",
    )
    assert "respondent.region" not in check.stdout


def test_a_surveymonkey_contact_forms_company_is_the_firms_name(export: Export) -> None:
    """The contact form of the SurveyMonkey export above (row 2 under "Contact information":
    Name, Company, Email, Phone): its Company was "matches no question", said unread in every
    firm's notes, and the firm went into the summary without a name. It is the firm's name
    now, and never overwrites the survey's own company question: where both are filled and
    differ, the company question's is kept and the other said."""
    head = (
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,"
        "Last Name,Custom Data 1,Contact information,,,,"
    )
    check = export.check(
        "sm.csv",
        f"{head}{PRODUCE},,{NETWORKED}\n"
        ",,,,,,,,,Name,Company,Email,Phone,Response,Other (please specify),"
        "Open-Ended Response\n"
        "114231,4321,05/03/2024 10:00:00 AM,05/03/2024 10:10:00 AM,1.2.3.4,,,,,Wang,Acme,"
        "w@acme.cn,138,Discrete manufacturing,,12\n",
        platform="SurveyMonkey",
    )
    assert "respondent.company" in check.stdout and "contact block" in check.stdout
    export.answers("sm.csv")
    summary = export.summary()
    assert summary.splitlines()[1].split(",")[2] == "Acme"
    assert "is not read" not in summary
    (export.folder / "both.csv").write_text(
        f"{head}Company name,{PRODUCE},,{NETWORKED}\n"
        ",,,,,,,,,Name,Company,Email,Phone,Response,Response,Other (please specify),"
        "Open-Ended Response\n"
        "1,4321,,,,,,,,Wang,Acme Trading,w@acme.cn,138,Acme Ltd,Discrete manufacturing,,12\n"
        "2,4321,,,,,,,,Li,Beta,l@beta.cn,139,,Discrete manufacturing,,12\n",
        encoding="utf-8",
    )
    export.answers("both.csv", out="both")
    rows = export.summary("both").splitlines()
    assert rows[1].split(",")[2] == "Acme Ltd"
    assert "column N says 'Acme Ltd', column K says 'Acme Trading'" in rows[1]
    assert rows[2].split(",")[2] == "Beta"


KOBO_TAIL = (
    "_id;_uuid;_submission_time;_validation_status;_notes;_status;_submitted_by;_tags;_index"
)
RULEBOOKS = "Which of these rulebooks must your firm's production follow"
PROBLEMS = "Which problems cost you most today Tick up to three."
SYSTEMS = "Which of these systems are in daily use?"


def test_a_kobo_label_export_without_option_columns_splits_labels_with_spaces(
    export: Export,
) -> None:
    """A KoboToolbox "Labels" export with multiple select as "summary" only (no
    question/option columns): kobotoolbox/formpack src/formpack/schema/fields.py,
    FormChoiceFieldWithMultipleSelect.format, writes the ticked choices' labels joined by one
    space (" ".join(labels)), and the labels hold spaces of their own. Such a cell was "not
    matched" for every firm (GMP (medicines) IATF 16949 (automotive)): its words are now
    split into the question's labels, when they split one way only."""
    check = export.check(
        "kobo.csv",
        f"start;end;Company name;{RULEBOOKS};{PROBLEMS};{KOBO_TAIL}\n"
        "2024-05-01T09:00:00;2024-05-01T09:30:00;Acme;GMP (medicines) IATF 16949 (automotive);"
        "Nobody drives digital work Staff cannot use the systems;1;u1;2024-05-01T09:30:00;;"
        ";submitted_via_web;;;1\n",
        platform="KoboToolbox",
    )
    assert "labels joined by spaces" in check.stdout
    assert "not matched" not in check.stdout
    (answers,) = export.answers("kobo.csv")
    assert answers["regulated_by"] == ["gmp", "iatf_16949"]
    assert answers["priorities"] == ["strategy", "talent"]


def test_a_kobo_label_cell_that_splits_two_ways_is_refused_for_its_row(export: Export) -> None:
    """The same export, from a pack whose option labels are "ERP", "MES" and "ERP MES" (an
    office's wording of one integrated suite): "ERP MES" joined by Kobo's space is either the
    suite or ERP and MES. It is refused for its row, saying both readings, never read one
    way silently; "MES ERP" reads one way only and is read."""
    pack = export.folder / "pack"
    shutil.copytree(PACK, pack)
    yaml = pack / "questionnaire.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count("A light work-order app (dispatch and reporting on phones)") == 1
    text = text.replace("A light work-order app (dispatch and reporting on phones)", "ERP MES")
    yaml.write_text(text, encoding="utf-8")
    check = export.check(
        "kobo.csv",
        f"start;end;Company name;{SYSTEMS};{KOBO_TAIL}\n"
        "2024-05-01;2024-05-01;Acme;ERP MES;1;u1;2024-05-01T09:30:00;;;;;;1\n"
        "2024-05-01;2024-05-01;Beta;MES ERP;2;u2;2024-05-01T09:30:00;;;;;;2\n",
        "--pack",
        str(pack),
        platform="KoboToolbox",
    )
    assert "reads two ways" in check.stdout
    assert "'work_order_app'" in check.stdout and "'erp' + 'mes'" in check.stdout
    first, second = export.answers("kobo.csv", "--pack", str(pack))
    assert first["systems_in_use"] == ["ERP MES"]  # as written: no option, so not scored
    assert second["systems_in_use"] == ["mes", "erp"]
    summary = export.summary().splitlines()
    assert "column D: 'ERP MES' reads two ways" in summary[1]
    assert "reads two ways" not in summary[2]


def test_an_office_suite_tables_system_fields_are_not_questions(export: Export) -> None:
    """A form collected into a Feishu / Lark Base (飞书多维表格) or DingTalk table, downloaded
    as a file: beside the questions, the table's system fields under their default names, as
    the Feishu open platform's field types list them (1001 创建时间, 1002 最后更新时间, 1003
    创建人, 1004 修改人, 1005 自动编号; blog.csdn.net/qq_45476428/article/details/138045818)
    and a form's 提交人 (DingTalk's 智能填表 data: 提交时间, 提交人). Each was "matches no
    question", said unread in every firm's notes (--check-mapping exit 1). 创建时间 is when the
    form was sent: the firm's date. A multiple choice is read at "," and "，" alike."""
    systems = "下面这些系统，哪些在日常使用？"
    check = export.check(
        "base.csv",
        f"自动编号,企业名称,主要是哪种生产方式？,{systems},提交人,创建时间,最后更新时间,修改人\n"
        '1,甲厂,离散型制造,"ERP,MES",王明,2024-05-03 10:00,2024-05-03 10:00,王明\n'
        "2,乙厂,流程型制造,ERP，WMS,李华,2024-05-04 10:00,2024-05-04 11:00,李华\n",
    )
    assert "respondent.date" in check.stdout
    first, second = export.answers("base.csv")
    assert first["systems_in_use"] == ["erp", "mes"]
    assert second["systems_in_use"] == ["erp", "wms"]
    assert "is not read" not in export.summary()
