#!/usr/bin/python3
"""Write the sample team submissions in samples/ (deterministically).

Run with Debian's Python, which has openpyxl 3.0.9 and XlsxWriter:

    /usr/bin/python3 samples/make_samples.py

The workbooks are built from the content of the seed board reports:
seed 002 (Medway improvement plan, "5. Summary of progress": 62 actions in
five sections with Blue/Green/Amber/Red counts) and seed 003 ("Children's
Social Care Highlight Indicators": 17 KPIs).  The plan is moved to the
current period (2026-27, report date 2026-11-21) and the KPI months to
May 26 ... Oct 26.

Before writing, the script checks its own data (RAG counts per plan section,
KPI RAG counts under SPEC 2.1); after writing, it reads every workbook back
with openpyxl (including the one converted by LibreOffice) and checks that
the files hold what was meant.  See samples/README.md for what each
workbook contains and what boardpack should report.

The LibreOffice workbook needs `soffice` (package libreoffice-calc-nogui).
Without it, the committed plan-childrens-social-work.xlsx is left as it is.
"""

import colorsys
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from decimal import Decimal

import openpyxl
import xlsxwriter
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.colors import COLOR_INDEX, Color
from openpyxl.worksheet.datavalidation import DataValidation

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = dt.date(2026, 11, 21)            # "today" for the overdue check
FIXED_TS = dt.datetime(2026, 10, 31, 17, 30, 0)   # document timestamps
ZIP_TS = (2026, 10, 31, 17, 30, 0)                 # zip entry timestamps

SECTIONS = [
    "Quality of Practice",
    "Capacity and capability of workforce",
    "Effective Leadership and Management",
    "Quality Assurance and Performance Management",
    "Partnership working",
]
QP, CC, EL, QA, PW = SECTIONS

# Seed 002, "5. Summary of progress": total, blue, green, amber, red.
SEED_PLAN_TABLE = {
    QP: (22, 1, 7, 10, 4),
    CC: (12, 3, 4, 2, 3),
    EL: (9, 1, 5, 1, 2),
    QA: (9, 6, 2, 1, 0),
    PW: (10, 3, 4, 2, 1),
}


def d(s):
    """'2026-12-31' -> date; None stays None."""
    return None if s is None else dt.date.fromisoformat(s)


# ---------------------------------------------------------------------------
# The 62 actions.  (ref, section, action, lead, due, status B/G/A/R,
# progress, evidence).  Leads are job titles; "" means no lead given.
# ---------------------------------------------------------------------------

L_FD = "Head of Service, Front Door and Assessment"
L_ASS = "Head of Service, Assessment"
L_MASH = "Team Manager, MASH"
L_AD = "Assistant Director, Children's Social Care"
L_DCS = "Director of Children's Services"
L_PDM = "Practice Development Manager"
L_CSW = "Head of Service, Children's Social Work"
L_CP = "Head of Corporate Parenting"
L_16 = "Head of Service, 16 Plus and Leaving Care"
L_EH = "Head of Early Help"
L_ADOL = "Head of Service, Adolescent Service"
L_PSW = "Principal Social Worker"
L_WFD = "Workforce Development Manager"
L_HR = "HR Business Partner"
L_QA = "QA Manager"
L_PERF = "Head of Performance and Intelligence"
L_SPI = "Head of Special Projects and Improvement"
L_SCP = "Business Manager, Safeguarding Children Partnership"

FRONT_DOOR = [  # plan-front-door-assessment.xlsx
    ("QP1.1", QP,
     "Apply thresholds consistently at the Single Point of Access, with daily MASH screening meetings chaired by a team manager.",
     L_MASH, "2026-12-31", "G",
     "Daily screening meetings in place since June. The threshold document was refreshed with partners and relaunched at October's practice week. A dip sample of 40 contacts found the right threshold decision in 36.",
     "MASH dip sample, October 2026 (36 of 40 correct); threshold briefing attendance log; contacts completed within 1 day 93.7% YTD."),
    ("QP1.2", QP,
     "Reduce the number of single assessments ending in No Further Action by stepping families down to the Early Help Hub at the front door.",
     L_FD, "2027-03-31", "A",
     "The NFA rate has fallen from 38% to 31% but is still above the 25% we aimed for. The step-down pathway to the Early Help Hub is agreed but not yet used consistently by all three assessment teams.",
     "Themed audit of NFA assessments (September 2026); monthly performance dashboard; 74 step-downs to Early Help in Q2."),
    ("QP1.3", QP,
     "Complete 95% of single assessments within 45 working days, with a weekly tracker of assessments open longer than 35 days.",
     L_ASS, "2026-09-30", "A",
     "Timeliness is 90.8% YTD against the 95% upper target and dipped to 88.5% in October with two assessment team manager vacancies. The 35-day tracker is now reviewed at every performance clinic.",
     "Indicator 2.10a (1,725 of 1,900 in timescale); weekly 35-day tracker; performance clinic notes, 14 October 2026."),
    ("QP1.4", QP,
     "Make sure every assessment records the child's voice and an analysis of risk, using the Signs of Safety assessment framework.",
     L_ASS, "2027-03-31", "A",
     "The Signs of Safety assessment template went live in Mosaic in July. Audit shows the child's voice evident in 68% of assessments (52% in March), but the analysis of risk is still too descriptive in many cases.",
     "Bi-monthly audit round 3 (August 2026): 68% of assessments good or better on the child's voice; Signs of Safety template usage report."),
    ("QP1.5", QP,
     "Record management oversight on every open case at least every 8 weeks, with a weekly exception list for team managers.",
     L_AD, "2026-12-31", "G",
     "Management oversight in the past 8 weeks is 90.4% (1,958 of 2,165 cases), within the 90-95% target band. Team managers get a weekly exception list and any team below 90% is followed up at the performance clinic.",
     "Indicator 1.1 trend May-October 2026; weekly exception lists; performance clinic actions log."),
    ("QP1.6", QP,
     "Reduce re-referrals within 12 months to below the statistical neighbour average through a themed audit and practice learning sessions.",
     L_FD, "2026-07-31", "R",
     "Re-referrals remain at 24% against a 20% aim. The themed audit was delayed by vacancies at the front door and is now booked for December; the practice learning sessions have not been delivered.",
     "Monthly re-referral report (October 2026: 24.1%); revised audit schedule agreed at the QA board on 5 November 2026."),
    ("QP1.7", QP,
     "Hold strategy discussions within one working day, with the police and health present, for all child protection enquiries.",
     L_MASH, "2027-01-31", "G",
     "A joint strategy discussion template has been agreed with the police and health. In Q2, 94% of strategy discussions were held within one working day, and health attended 88% of them.",
     "Strategy discussion timeliness report, Q2 2026-27; partnership agreement signed at the MASH board, 9 September 2026."),
    ("QP1.8", QP,
     "Have external auditors review Priority Risk Assessments and offer individual coaching to workers where the understanding of risk is inconsistent.",
     L_PDM, "2027-02-28", "A",
     "External auditors have reviewed 60 Priority Risk Assessments and found inconsistent understanding of risk in a third. Coaching was offered to 14 workers; 9 sessions are done and the rest were delayed by auditor availability.",
     "External auditor summary report (September 2026); coaching log, 9 of 14 sessions completed."),
]

SOCIAL_WORK = [  # plan-childrens-social-work.xlsx (LibreOffice)
    ("QP1.9", QP,
     "Track every child in the Public Law Outline (pre-proceedings) process through a monthly legal gateway panel.",
     L_CSW, "2026-06-30", "B",
     "The PLO tracker is live and reviewed at the monthly legal gateway panel chaired by the Head of Service. Every child in pre-proceedings has a letter before proceedings and a review date.",
     "PLO tracker (42 children, October 2026); gateway panel minutes; average time in pre-proceedings down from 31 to 19 weeks."),
    ("QP1.10", QP,
     "Embed a solicitor as case progression officer within the children's operational teams to improve the quality and timeliness of court work.",
     "Head of Legal Services (Children)", "2027-03-31", "G",
     "The case progression officer started in April and attends every legal gateway panel. Court statements are now quality-checked before filing; two care proceedings have concluded inside 26 weeks this quarter.",
     "Care proceedings duration report (average 33 weeks, down from 41); feedback from Cafcass and the local family court."),
    ("QP1.11", QP,
     "Increase the use of Family Group Conferences within the PLO process, to avoid proceedings wherever it is safe to do so.",
     "Family Group Conference Service Manager", "2027-01-31", "A",
     "The FGC service has moved into the Children's Social Work Service and 18 conferences were held within PLO since April. Uptake is still below the 60% aim because of a coordinator vacancy now being recruited to.",
     "FGC activity report: 18 conferences, 11 family plans agreed; 45% of families in PLO offered an FGC (aim 60%)."),
    ("QP1.12", QP,
     "Review every child stepped down from a child protection plan to a CIN plan in the last six months, to make sure no case closed too early.",
     L_CSW, "2026-10-31", "A",
     "External auditors have completed safety checks on 51 of the 73 children stepped down. Themes of drift in planning were found in 9 cases and actions agreed with managers; the remaining 22 checks finish in December.",
     "Safety check audit log (51 of 73 done); manager action trackers for the 9 cases with drift."),
    ("QP1.13", QP,
     "Visit children in care beyond the statutory minimum where their plan needs it, with meaningful direct work recorded on the child's file.",
     L_CP, "2026-12-31", "R",
     "Only 89.0% of children in care had a visit in the last 6 weeks (259 of 291), below the 90% minimum. Visits slipped over the summer in two teams; a weekly due-visits list now goes to every team manager.",
     "Indicator 5.11 (89.0%, minimum 90%); weekly due-visits list; audit of direct work on 20 files, 12 good or better."),
    ("QP1.14", QP,
     "Speed up permanence for children in long-term foster care, with matching presented to panel within 12 months of the plan.",
     L_CP, None, "G",
     "A permanence tracker is in place for all 64 children with a plan for long-term fostering; 21 matches have been presented to panel since April. The due date will be set when the fostering review reports.",
     "Permanence tracker (October 2026); fostering panel minutes, 21 long-term matches approved since April."),
    ("QP1.15", QP,
     "Make sure every care leaver aged 16+ has a pathway plan that covers education, employment, training and suitable accommodation.",
     L_16, "2027-03-31", "A",
     "98% of care leavers have an up-to-date pathway plan, but only 69.0% are in education, employment or training against the 75% upper target. A care leavers' EET worker joins the 16 plus team in January.",
     "Indicators 6.1-6.3; pathway plan audit (40 plans, 28 good); Government Advisor for Care Leavers visit feedback."),
    ("QP1.16", QP,
     "Visit every child in need at least every four weeks and record the visit within 24 hours.",
     L_CSW, "2026-12-31", "R",
     "In October 77.8% of CIN children had been visited within four weeks, below the 85% minimum. Summer leave and two vacancies in CIN Team 3 are the main causes; a weekly visit tracker is now checked by the Head of Service.",
     "Indicator 3.3 (615 of 790, 77.8%); weekly CIN visit tracker; recovery plan agreed at the performance clinic, 4 November 2026."),
]

EARLY_HELP_QP = [  # plan-early-help-partnerships.xlsx, sheet "Quality of Practice"
    ("QP1.17", QP,
     "Train all Early Help and Adolescent Service practitioners and managers in the Signs of Safety practice framework.",
     L_PDM, "2027-03-31", "G",
     "Two-day Signs of Safety training has been completed by 86 of 110 Early Help and Adolescent Service staff, using the virtual programme plus face-to-face workshops. The last cohort is booked for January.",
     "Training attendance report (86 of 110 trained); practice lead observations of 12 family meetings."),
    ("QP1.18", QP,
     "Make Early Help assessments and plans SMART, with the family's own words recorded, and audit them every two months.",
     L_EH, "2027-02-28", "A",
     "The first two bi-monthly audits found 55% of Early Help plans SMART, up from 40%. The new Practice Development Manager is coaching key workers, but progress was slowed by the move of Early Help onto Mosaic.",
     "Early Help audit rounds 1 and 2 (55% SMART); Practice Development Manager coaching plan."),
    ("QP1.19", QP,
     "Complete an exploitation risk assessment and safety plan for every young person referred to the Adolescent Service.",
     L_ADOL, "2026-12-31", "A",
     "The exploitation risk assessment tool is in use, and 71% of young people referred since July have one completed within 10 days. Safety plans are not yet shared with schools and the police consistently.",
     "Adolescent Service tracker (71% within 10 days); multi-agency child exploitation panel minutes."),
    ("QP1.20", QP,
     "Have the Edge of Care team work with young people at risk of family breakdown, and return children in care home safely where that is right for them.",
     L_ADOL, "2027-06-30", "G",
     "The Edge of Care service is working with 41 young people at risk of family breakdown. Of the 10 already in care, 4 have returned home safely with support plans and none has come back into care.",
     "Edge of Care outcomes report, Q2 2026-27; 4 safe returns home; family feedback questionnaires."),
    ("QP1.21", QP,
     "Offer a return home interview within 72 hours to every child who goes missing from home or from care.",
     L_ADOL, "2026-12-31", "A",
     "82% of return home interviews were offered within 72 hours in Q2, against a 95% aim. The commissioned service has a vacancy; the Adolescent Service is covering interviews for children in care placed out of area.",
     "Missing children monthly report (82% offered within 72 hours); contract monitoring notes, October 2026."),
    ("QP1.22", QP,
     "Roll out the Graded Care Profile 2 neglect tool across Early Help and children's social work.",
     L_EH, "2027-01-31", "R",
     "Licences have been bought but only 23 practitioners are trained against a target of 120. Roll-out is paused until the partnership agrees the neglect strategy, now expected in February.",
     "GCP2 training log (23 of 120); partnership executive minutes deferring the neglect strategy."),
]

WORKFORCE = [  # plan-workforce.xlsx (XlsxWriter)
    ("CC2.1", CC,
     "Model the staffing establishment against target caseloads and align it with the staffing budget.",
     L_AD, "2026-03-31", "B",
     "The establishment was modelled against a target caseload of 18 per social worker. Additional investment was agreed by Cabinet in March and the establishment now matches the staffing budget.",
     "Cabinet decision, 17 March 2026; establishment model v4; budget monitoring report, Q1 2026-27."),
    ("CC2.2", CC,
     "Reduce the maximum caseload in the assessment teams to 25, with an average of 18.",
     L_ASS, "2026-12-31", "G",
     "The maximum caseload in the assessment teams is down from 34 to 26, with an average of 19.3. Two agency social workers are extended to the end of December while permanent recruits finish their induction.",
     "Weekly caseload report (31 October 2026: max 26, average 19.3); agency extension approvals."),
    ("CC2.3", CC,
     "Agree a recruitment and retention strategy, including a £3,000 market supplement for experienced social workers.",
     L_HR, "2026-04-30", "B",
     "The strategy was agreed by the Corporate Management Team in April, with a £3,000 market supplement and a refer-a-friend payment. A rolling recruitment campaign has appointed 14 permanent social workers since May.",
     "CMT report, 22 April 2026; recruitment tracker (14 appointments); social worker turnover down to 16%."),
    ("CC2.4", CC,
     "Reduce agency social workers to below 15% of the social work workforce.",
     L_WFD, "2027-03-31", "A",
     "Agency use is down from 27% to 19% but turnover at the front door remains high and new starters take three months to carry a full caseload. Conversions of agency staff to permanent posts are being offered.",
     "Monthly workforce report (October 2026: 19% agency); exit interview themes, Q2."),
    ("CC2.5", CC,
     "Recruit to the remaining front door team manager and senior practitioner vacancies.",
     L_FD, "2026-08-31", "R",
     "Two recruitment rounds for the MASH team manager and two senior practitioner posts have not appointed. Interim managers cover the posts; a regional campaign with an external agency starts in December.",
     "Recruitment tracker (3 posts unfilled); interim cover arrangements agreed by the Assistant Director."),
    ("CC2.6", CC,
     "Run the ASYE programme for newly qualified social workers, with protected caseloads and a dedicated consultant social worker.",
     L_PSW, "2026-07-31", "B",
     "All 16 newly qualified social workers in the 2025-26 cohort completed their ASYE with protected caseloads. The programme was quality assured by the teaching partnership and the 2026-27 cohort started in September.",
     "ASYE completion panel (16 of 16 passed); teaching partnership QA report, July 2026."),
    ("CC2.7", CC,
     "Refresh the supervision policy so that every social worker has monthly reflective supervision recorded on the case file.",
     L_PSW, "2026-12-31", "G",
     "The supervision policy was refreshed in May and reflective supervision training delivered to all team managers. Supervision within timescale is 87% and the audit of supervision quality shows improvement.",
     "Supervision compliance report (87%); themed audit of supervision quality, September 2026."),
    ("CC2.8", CC,
     "Deliver the Signs of Safety training programme to all social workers, virtually and face to face.",
     L_WFD, "2027-03-31", "G",
     "Five-day Signs of Safety training has been completed by 142 of 190 social workers, and practice leads are running monthly practice clinics. The remaining staff are booked on cohorts up to February.",
     "Training attendance (142 of 190); practice clinic attendance log; staff evaluation scores (4.4 out of 5)."),
    ("CC2.9", CC,
     "Run a development programme for team managers covering leadership, challenge and management oversight.",
     L_WFD, "2027-02-28", "A",
     "Four of the six leadership modules have been delivered. The remaining two were postponed because of the number of interim managers, and the programme will restart once permanent appointments are made.",
     "Module attendance (4 of 6 delivered, 23 managers); evaluation of modules 1-4."),
    ("CC2.10", CC,
     "Appoint additional Personal Advisors in Leaving Care so that no PA holds more than 25 young people.",
     L_16, "2027-01-31", "G",
     "Three additional Personal Advisor posts have been appointed to and the average PA caseload is now 24. Support now runs up to age 25, so the numbers supported are rising and caseloads are watched monthly.",
     "PA caseload report (average 24, maximum 28); 16 plus team structure chart."),
    ("CC2.11", CC,
     "Carry out a workforce health check survey and publish an action plan in response.",
     "", "2026-12-31", "R",
     "The health check survey closed with a 31% response rate, too low to be reliable. No action plan has been drafted; ownership of this action is to be agreed after the HR restructure.",
     "Survey response report (31%, 59 of 190 social workers); HR restructure consultation paper."),
    ("CC2.12", CC,
     "Introduce a career progression framework from social worker to senior and advanced practitioner.",
     L_PSW, "2026-11-30", "R",
     "The draft framework has not progressed through job evaluation because of the pay and grading review. Staff told us at the October engagement event that the lack of progression is a reason for leaving.",
     "Draft progression framework v2; staff engagement event feedback, 15 October 2026."),
]

QA_LEADERSHIP = [  # plan-qa-performance-leadership.xlsx (colour-only statuses)
    ("EL3.1", EL,
     "Realign the service so that every team is big enough to be sustainable and each team manager has the right span of control.",
     L_DCS, "2026-03-31", "B",
     "The realignment is complete: 150 staff repositioned and 1,408 cases reallocated in four months, with permanent staff all given their first choice of team. New specialist adolescent and 16 plus teams are in place.",
     "Staff consultation outcome report; case transfer audit (no child without an allocated worker); new structure chart."),
    ("EL3.2", EL,
     "Deliver a strategic leadership development programme with our Leadership Improvement Partner, Bracknell Forest.",
     L_AD, "2027-03-31", "G",
     "The diagnostic with Bracknell Forest and the Commissioner set four priorities for leadership development. Two are delivered (senior leadership team coaching, heads of service action learning set); two are scheduled for the spring.",
     "Leadership diagnostic report; coaching programme schedule; action learning set notes."),
    ("EL3.3", EL,
     "Agree and deliver the Partners in Practice programme with Essex for fostering, children with disability and assessment practice.",
     L_SPI, "2026-12-31", "G",
     "Essex have completed the Early Help and Assessment diagnostics and the fostering workstream started in September. The children with disability workstream begins in December as planned.",
     "Partners in Practice programme plan; Essex diagnostic reports; DfE grant agreement for 2026-27."),
    ("EL3.4", EL,
     "Senior leaders to spend a day each month in practice (back to the floor), with findings reported to the leadership team.",
     L_DCS, "2027-03-31", "G",
     "The Director and Assistant Director have each spent a day a month with teams since May, including the front door and the 16 plus team. Findings go to the leadership team and three practice issues have been fixed.",
     "Back-to-the-floor log (12 visits); leadership team minutes; staff survey: 71% say leaders are visible."),
    ("EL3.5", EL,
     "Report to the Improvement Board monthly (Director's report) and every six months in detail on the improvement plan.",
     L_SPI, "2027-06-30", "G",
     "The Director's report goes to every Board meeting and the first six-monthly detailed report went in May. The Board has a new independent chair and terms of reference were refreshed in September.",
     "Improvement Board papers and minutes; revised terms of reference, September 2026."),
    ("EL3.6", EL,
     "Give the Lead Member and Corporate Parenting Panel a quarterly report on performance and the quality of practice.",
     L_AD, "2027-03-31", "G",
     "Quarterly reports have gone to the Lead Member and to the Corporate Parenting Panel since April, including audit findings. Members have asked for care leavers' feedback to be included from January.",
     "Corporate Parenting Panel minutes, July and October 2026; Lead Member briefing notes."),
    ("EL3.7", EL,
     "Refresh the improvement plan for 2026-27 with partner commitments and achievable timescales.",
     L_SPI, "2026-06-30", "A",
     "The refreshed plan was shared with the Board in July but sign-off by the safeguarding partners is still outstanding. Health and police commitments are agreed; education's are expected in December.",
     "Draft improvement plan v3; Board minutes, July 2026; partner sign-off tracker."),
    ("EL3.8", EL,
     "Build a whole-council offer for care leavers, including council tax exemption and a corporate 'bank of mum and dad' for advice and interest-free loans.",
     L_DCS, "2026-12-31", "R",
     "Council tax exemption for care leavers has been in place since April. The corporate loan scheme has not progressed because finance and legal advice on the scheme is still outstanding after six months.",
     "Council tax exemption policy (April 2026); CMT paper on the loan scheme deferred twice."),
    ("EL3.9", EL,
     "Make permanent appointments to every Head of Service post.",
     L_DCS, "2027-01-31", "R",
     "The Children's Social Work and Fostering Head of Service posts are still covered by interims after the September campaign did not appoint. A search agency has been commissioned and interviews are planned for January.",
     "Recruitment campaign report (September 2026); search agency contract; interim arrangements."),
    ("QA4.1", QA,
     "Revise and relaunch the QA Framework with a new auditing tool developed with all service areas.",
     L_QA, "2026-03-31", "B",
     "The revised QA Framework and audit tool were relaunched in March after consultation across all service areas. The tool uses Ofsted gradings and includes the child's and family's views.",
     "QA Framework 2026 (published March); audit tool v2; launch briefing attendance."),
    ("QA4.2", QA,
     "Appoint a permanent QA Manager to lead the audit programme and moderation.",
     L_SPI, "2026-04-30", "B",
     "The QA Manager was appointed in April and has set up a support and coaching programme for auditors. The post is permanent and funded in the base budget.",
     "Appointment confirmation; QA team structure; auditor support programme."),
    ("QA4.3", QA,
     "Run a bi-monthly audit programme with moderation of audit gradings.",
     L_QA, "2026-05-31", "B",
     "Bi-monthly audits have run since March: 118 team manager audits and 64 collaborative thematic audits, plus 717 dip samples. Every audit is moderated before the grading is final.",
     "Audit schedule 2026-27; moderation log; audit round reports 1-4."),
    ("QA4.4", QA,
     "Carry out themed audits of assessments ending in No Further Action and of re-referrals.",
     L_QA, "2026-07-31", "B",
     "Both themed audits are complete and reported to the QA board. Learning on thresholds and step-down to Early Help has been shared with the front door and fed into action QP1.2.",
     "Themed audit reports: NFA assessments (June 2026) and re-referrals (July 2026); QA board minutes."),
    ("QA4.5", QA,
     "Revise the performance dashboard to include commentary for each area of activity and share it monthly with the Lead Member and the Board.",
     L_PERF, "2026-06-30", "B",
     "The dashboard now has commentary for every area of activity written by the responsible Head of Service. It is produced monthly and shared with the Lead Member and the Improvement Board.",
     "Monthly performance dashboard (June-October 2026); Lead Member briefing packs."),
    ("QA4.6", QA,
     "Hold monthly performance clinics for each service area, chaired by the Assistant Director, looking at child-level data.",
     L_AD, "2026-05-31", "B",
     "Performance clinics run monthly for every service area. Team managers explain pressures such as staffing and caseload complexity, and the clinics go down to individual children's cases.",
     "Performance clinic schedule and action logs; examples of child-level follow-up."),
    ("QA4.7", QA,
     "Improve the consistency of audit grading through auditor training, reflection sessions and coaching.",
     L_QA, "2027-01-31", "G",
     "Moderation changed the auditor's grading in over 30% of audits last year. After the training and reflection sessions this fell to 21% in round 4; the aim is below 15% by January.",
     "Moderation variance report (round 4: 21%); auditor training attendance."),
    ("QA4.8", QA,
     "Commission external safety-check audits of case cohorts: children on CP plans and children recently stepped down to CIN.",
     L_QA, "2027-03-31", "G",
     "Over 400 cases have been audited through the safety checks. Auditors found good practice but also drift in planning and progression to PLO; actions are agreed with managers and followed up.",
     "External audit summaries; action follow-up tracker (92% of actions completed on time)."),
    ("QA4.9", QA,
     "Introduce Understanding our Practice Progression meetings so that audit recommendations are completed within the 6-week review timescale.",
     L_QA, "2026-12-31", "A",
     "UoPP meetings started in Early Help and children's social care in July. Early signs are positive, but only 64% of audit recommendations were completed within 6 weeks in round 4.",
     "UoPP meeting notes; audit recommendation tracker (64% within 6 weeks)."),
]

PARTNERSHIPS = [  # plan-early-help-partnerships.xlsx, sheet "Partnership working"
    ("PW5.1", PW,
     "Confirm a Partner in Practice and agree a diagnostic programme for Early Help and assessment.",
     L_DCS, "2026-03-31", "B",
     "Essex was confirmed as our Partner in Practice in February and completed the Early Help and Assessment diagnostics in March. The programme for 2026-27 is agreed and funded.",
     "Partner in Practice agreement with Essex; diagnostic reports; DfE funding letter."),
    ("PW5.2", PW,
     "Agree a multi-agency Early Help strategy with the partnership, clarifying the application of thresholds across all four tiers.",
     L_EH, "2026-12-31", "A",
     "The multi-agency workshop facilitated by Essex took place in September and agreed the targeted approach. The strategy draft is with partners, but schools' comments have delayed sign-off to January.",
     "Workshop report (September 2026); draft Early Help strategy v2; partnership executive agenda."),
    ("PW5.3", PW,
     "Set up an Early Help Hub within the front door to strengthen the Single Point of Access.",
     L_EH, "2027-01-31", "G",
     "The Early Help Hub opened in the front door in May with four family support workers. Families needing targeted help at Tier 3 now get it without delay, and repeat contacts are starting to fall.",
     "Early Help Hub activity report (412 contacts triaged since May); repeat contacts down 8% on last year."),
    ("PW5.4", PW,
     "Agree the safeguarding partners' strategy for children affected by criminal exploitation, with the police, health and education.",
     L_SCP, "2027-03-31", "G",
     "The child exploitation strategy is drafted with the police, health and education in response to the national review. It goes to the partnership executive in December for sign-off.",
     "Draft exploitation strategy; multi-agency child exploitation panel data; national review action plan."),
    ("PW5.5", PW,
     "Agree the independent scrutineer's programme to analyse the impact of the improvement actions on children.",
     L_SCP, "2027-06-30", "G",
     "The independent scrutineer has agreed a programme with three areas of focus: the front door, neglect and exploitation. The first scrutiny report, on the front door, is due in February.",
     "Scrutiny programme 2026-27; partnership executive minutes, October 2026."),
    ("PW5.6", PW,
     "Sign off and launch the Regional Adoption Agency arrangements.",
     L_CP, "2026-09-30", "B",
     "The Regional Adoption Agency arrangements were signed off by Cabinet and the agency was formally launched in September. Adoption staff have transferred and the agency is operating across the region.",
     "Cabinet decision; RAA launch report (September 2026); adoption scorecard, Q2."),
    ("PW5.7", PW,
     "Work with health partners so that Initial Health Assessments are completed within 20 working days for every child coming into care.",
     "Designated Nurse for Children in Care", "2026-12-31", "R",
     "Only 38% of Initial Health Assessments were completed within 20 working days in Q2, because of paediatrician capacity in the health system. The issue has been escalated to the integrated care board.",
     "IHA timeliness report, Q2 (38%); escalation letter to the integrated care board, October 2026."),
    ("PW5.8", PW,
     "Secure multi-agency attendance at child protection conferences, with partner reports shared 3 working days before.",
     "Conference and Review Service Manager", "2026-09-30", "A",
     "Partner attendance at conferences has risen to 81%, but only 54% of partner reports arrive 3 working days before. GP reports are the main gap and the named GP is following up with practices.",
     "Conference attendance and reports audit (October 2026); named GP briefing to practices."),
    ("PW5.9", PW,
     "Hold a reverse take-over day with care leavers and the Children in Care Council, and respond to what they tell us.",
     "Participation Manager", "2026-05-31", "B",
     "The reverse take-over day took place in May with 23 care leavers. The Corporate Management Team committed to council tax exemption and a mentoring offer, and responses were published in 'You said, we did'.",
     "Take-over day report; 'You said, we did' leaflet, June 2026; Children in Care Council minutes."),
    ("PW5.10", PW,
     "Integrate the front door with partners in a co-located Multi-Agency Support Team (MAST).",
     L_FD, "2027-06-30", "G",
     "Police and health colleagues have agreed to co-locate from April. The accommodation works are funded and the MAST operating model was signed off by the partnership executive in October.",
     "MAST operating model; partnership executive minutes, October 2026; accommodation project plan."),
]

ALL_ACTIONS = FRONT_DOOR + SOCIAL_WORK + EARLY_HELP_QP + WORKFORCE + QA_LEADERSHIP + PARTNERSHIPS

# Extra rows, each with one error (left out of the consolidation).
ERR_TBC = ("QP1.23", QP,
           "Hold a front door practice week every quarter, with partners invited to observe the MASH.",
           L_MASH, "2027-03-31", "TBC",
           "Proposal goes to the senior leadership team in December; the status will be confirmed once it is agreed.",
           "")
ERR_DUE_TEXT = ("CC2.13", CC,
                "Hold an exit interview with every social worker who leaves and analyse the reasons quarterly.",
                L_HR, "end of March", "On track",
                "Exit interview form agreed with the unions; first quarterly analysis to the workforce board.",
                "")
ERR_NO_ACTION = ("PW5.11", PW,
                 "",
                 L_EH, "2027-03-31", "Green",
                 "Row added at the October partnership meeting - action wording to be agreed with the Safeguarding Children Partnership.",
                 "")

DUPLICATED_REF = "PW5.3"   # in plan-front-door-assessment.xlsx and plan-early-help-partnerships.xlsx


# ---------------------------------------------------------------------------
# Checks on our own data, before anything is written.
# ---------------------------------------------------------------------------

def check_plan_data():
    refs = [a[0] for a in ALL_ACTIONS]
    assert len(refs) == 62, len(refs)
    assert len(set(refs)) == 62, "duplicate refs among the 62 actions"
    for e in (ERR_TBC, ERR_DUE_TEXT, ERR_NO_ACTION):
        assert e[0] not in refs, e[0]
    counts = {s: [0, 0, 0, 0, 0] for s in SECTIONS}
    for ref, sec, action, lead, due, st, prog, ev in ALL_ACTIONS:
        c = counts[sec]
        c[0] += 1
        c["BGAR".index(st) + 1] += 1
        assert action and 40 <= len(action) <= 200, (ref, len(action))
        assert 100 <= len(prog) <= 300, (ref, len(prog))
        assert 60 <= len(ev) <= 300, (ref, len(ev))
        if due is not None:
            assert dt.date(2026, 3, 1) <= d(due) <= dt.date(2027, 6, 30), (ref, due)
        prefix = {QP: "QP1.", CC: "CC2.", EL: "EL3.", QA: "QA4.", PW: "PW5."}[sec]
        assert ref.startswith(prefix), ref
    for sec in SECTIONS:
        assert tuple(counts[sec]) == SEED_PLAN_TABLE[sec], (sec, counts[sec])
    # Blue actions mostly in the past; a handful of open actions overdue.
    overdue = [a[0] for a in ALL_ACTIONS if a[5] != "B" and a[4] and d(a[4]) < AS_OF]
    assert 4 <= len(overdue) <= 8, overdue
    blue_future = [a[0] for a in ALL_ACTIONS if a[5] == "B" and d(a[4]) >= AS_OF]
    assert len(blue_future) <= 2, blue_future
    return overdue


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

THIN = Side(style="thin", color="FFBFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def set_props(wb, title, creator):
    p = wb.properties
    p.title = title
    p.creator = creator
    p.lastModifiedBy = creator
    p.created = FIXED_TS
    p.modified = FIXED_TS


def normalise_zip(path, fix_lo_meta=False):
    """Rewrite the zip with fixed entry timestamps (deterministic output)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if fix_lo_meta and name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-10-31T17:30:00Z", data)
            if fix_lo_meta and name == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>[^<]*</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            zi = zipfile.ZipInfo(name, ZIP_TS)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, data)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def widths(ws, cols):
    for letter, w in cols.items():
        ws.column_dimensions[letter].width = w


def landscape(ws, title_rows=None):
    """Print setup a team would use: landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def fit_heights(ws, first, last, line_height=13.0):
    """Set row heights for wrapped text (openpyxl writes none; Excel would)."""
    import math
    for r in range(first, last + 1):
        lines = 1
        for cell in ws[r]:
            if isinstance(cell.value, str):
                w = ws.column_dimensions[cell.column_letter].width or 8.43
                per_line = max(1, int(w * 1.15))
                lines = max(lines, math.ceil(len(cell.value) / per_line))
        if lines > 1:
            ws.row_dimensions[r].height = round(lines * line_height + 3, 1)


def write_row(ws, r, values, fmt_date=None, style=True):
    for c, v in enumerate(values, start=1):
        if v is None or v == "":
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if isinstance(v, dt.date) and fmt_date:
            cell.number_format = fmt_date
    if style:
        for c in range(1, len(values) + 1):
            cell = ws.cell(row=r, column=c)
            cell.alignment = WRAP_TOP
            cell.border = BOX


HEAD_FONT = Font(bold=True, color="FFFFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="FF1F4E79")
GROUP_FONT = Font(bold=True, size=12)
GROUP_FILL = PatternFill("solid", fgColor="FFD9E1F2")


def header_row(ws, r, names, font=HEAD_FONT, fill=HEAD_FILL):
    for c, n in enumerate(names, start=1):
        cell = ws.cell(row=r, column=c, value=n)
        cell.font = font
        cell.fill = fill
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def group_row(ws, r, text, ncols):
    """A section heading row: only the first cell has a value; the row is filled."""
    ws.cell(row=r, column=1, value=text).font = GROUP_FONT
    for c in range(1, ncols + 1):
        ws.cell(row=r, column=c).fill = GROUP_FILL


# ---------------------------------------------------------------------------
# Plan workbook 1: Front Door and Assessment (openpyxl)
# title rows, header in row 5, sections by group rows, status words,
# dd/mm/yyyy dates, a "TBC" status, the duplicated PW5.3.
# ---------------------------------------------------------------------------

WORD = {"B": "Blue", "G": "Green", "A": "Amber", "R": "Red"}


def plan_front_door(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Improvement Plan"
    set_props(wb, "Improvement Plan 2026-27 - Front Door and Assessment", L_FD)
    ws["A1"] = "Children's Services Improvement Plan 2026-27"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Team: Front Door and Assessment"
    ws["A2"].font = Font(bold=True)
    ws["A3"] = "Updated: 31/10/2026"
    cols = ["Ref", "Action", "Lead", "Due date", "Status", "Progress update", "Evidence of impact"]
    header_row(ws, 5, cols)
    r = 6
    group_row(ws, r, QP, len(cols))
    r += 1
    rows = list(FRONT_DOOR)
    rows.insert(5, ERR_TBC)          # the TBC row sits among the real actions
    for ref, sec, action, lead, due, st, prog, ev in rows:
        status = WORD.get(st, st)
        due_v = d(due) if due and due[0].isdigit() else due
        write_row(ws, r, [ref, action, lead, due_v, status, prog, ev], "dd/mm/yyyy")
        r += 1
    group_row(ws, r, PW, len(cols))
    r += 1
    dup = next(a for a in PARTNERSHIPS if a[0] == DUPLICATED_REF)
    ref, sec, action, lead, due, st, prog, ev = dup
    write_row(ws, r, [ref, action, lead, d(due), WORD[st], prog, ev], "dd/mm/yyyy")
    last = r
    widths(ws, {"A": 8, "B": 48, "C": 28, "D": 12, "E": 10, "F": 60, "G": 45})
    fit_heights(ws, 7, last)
    ws.freeze_panes = "B6"
    dv = DataValidation(type="list", formula1='"Blue,Green,Amber,Red"', allow_blank=True)
    dv.add(f"E7:E{last}")
    ws.add_data_validation(dv)
    fills = {"Blue": "FF0070C0", "Green": "FF00B050", "Amber": "FFFFC000", "Red": "FFFF0000"}
    for word, rgb in fills.items():
        ws.conditional_formatting.add(
            f"E7:E{last}",
            CellIsRule(operator="equal", formula=[f'"{word}"'], fill=PatternFill("solid", bgColor=rgb)))
    landscape(ws, "5:5")
    wb.save(path)


# ---------------------------------------------------------------------------
# Plan workbook 2: Workforce (XlsxWriter)
# header in row 1, a section column "Workstream", status phrases,
# "d mmm yy" dates, no lead on CC2.11, due date "end of March" typed as text.
# ---------------------------------------------------------------------------

PHRASES = {
    "B": ["Complete", "Blue - completed", "Completed"],
    "G": ["On track", "Green \u2013 on track"],
    "A": ["Amber \u2013 some progress but slippage"],
    "R": ["Red \u2013 not progressed as planned", "Off track"],
}


def plan_workforce(path):
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": "Improvement Plan 2026-27 - Workforce", "author": L_WFD,
                       "company": "Children's Services", "created": FIXED_TS})
    ws = wb.add_worksheet("Workforce actions")
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#375623",
                          "border": 1, "text_wrap": True, "valign": "vcenter"})
    text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date = wb.add_format({"num_format": "d mmm yy", "valign": "top", "border": 1})
    cols = ["Action ref", "Workstream", "What we will do", "Lead officer", "Target date",
            "RAG status", "Commentary", "Evidence"]
    ws.write_row(0, 0, cols, head)
    rows = list(WORKFORCE)
    rows.insert(9, ERR_DUE_TEXT)
    used = {k: 0 for k in PHRASES}
    r = 1
    for ref, sec, action, lead, due, st, prog, ev in rows:
        if st in PHRASES:
            status = PHRASES[st][used[st] % len(PHRASES[st])]
            used[st] += 1
        else:
            status = st
        ws.write_string(r, 0, ref, text)
        ws.write_string(r, 1, sec, text)
        ws.write_string(r, 2, action, text)
        if lead:
            ws.write_string(r, 3, lead, text)
        else:
            ws.write_blank(r, 3, None, text)
        if due and due[0].isdigit():
            ws.write_datetime(r, 4, dt.datetime.combine(d(due), dt.time()), date)
        else:
            ws.write_string(r, 4, due, text)
        ws.write_string(r, 5, status, text)
        ws.write_string(r, 6, prog, text)
        if ev:
            ws.write_string(r, 7, ev, text)
        else:
            ws.write_blank(r, 7, None, text)
        col_w = [10, 22, 45, 28, 11, 22, 60, 45]
        lines = max(-(-len(str(v)) // int(w * 1.15))
                    for v, w in zip((ref, sec, action, lead, due, status, prog, ev), col_w))
        if lines > 1:
            ws.set_row(r, round(lines * 13.0 + 3, 1))
        r += 1
    ws.set_column("A:A", 10)
    ws.set_column("B:B", 22)
    ws.set_column("C:C", 45)
    ws.set_column("D:D", 28)
    ws.set_column("E:E", 11)
    ws.set_column("F:F", 22)
    ws.set_column("G:G", 60)
    ws.set_column("H:H", 45)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, r - 1, len(cols) - 1)
    ws.data_validation(1, 5, r - 1, 5, {
        "validate": "list", "error_type": "information",
        "source": ["Complete", "On track", "Amber \u2013 some progress but slippage",
                   "Red \u2013 not progressed as planned"]})
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    wb.close()


# ---------------------------------------------------------------------------
# Plan workbook 3: QA, Performance and Leadership (openpyxl)
# colour-only statuses (empty cells with RGB, indexed or theme+tint fills),
# a section column "Theme", title rows with a colour key, and one formula
# in the title area (COUNTA, no cached value: openpyxl never writes one).
# ---------------------------------------------------------------------------

# Three ways of saying each colour.  openpyxl's default theme is Office 2007:
# theme 4 = accent1 4F81BD (blue), 5 = accent2 C0504D (red),
# 6 = accent3 9BBB59 (green), 9 = accent6 F79646 (orange).
DARKER = -0.249977111117893
LIGHTER = 0.3999755851924192
COLOUR_FILLS = {
    "B": {"rgb": Color(rgb="FF0070C0"), "indexed": Color(indexed=12),
          "theme": Color(theme=4, tint=DARKER)},
    "G": {"rgb": Color(rgb="FF00B050"), "indexed": Color(indexed=17),
          "theme": Color(theme=6, tint=DARKER)},
    "A": {"rgb": Color(rgb="FFFFC000"), "indexed": Color(indexed=51),
          "theme": Color(theme=9, tint=0.0)},
    "R": {"rgb": Color(rgb="FFFF0000"), "indexed": Color(indexed=10),
          "theme": Color(theme=5, tint=DARKER)},
}
# Which kind of colour each action's status cell uses (a mix, as when a
# sheet has been copied between teams' workbooks over the years).
FILL_KIND = {
    "EL3.1": "theme", "EL3.2": "rgb", "EL3.3": "theme", "EL3.4": "indexed",
    "EL3.5": "rgb", "EL3.6": "theme", "EL3.7": "indexed", "EL3.8": "rgb",
    "EL3.9": "theme",
    "QA4.1": "rgb", "QA4.2": "indexed", "QA4.3": "theme", "QA4.4": "rgb",
    "QA4.5": "theme", "QA4.6": "indexed", "QA4.7": "indexed", "QA4.8": "rgb",
    "QA4.9": "theme",
}


def plan_qa_leadership(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    set_props(wb, "Improvement Plan 2026-27 - QA, Performance and Leadership", L_SPI)
    ws["A1"] = "Quality Assurance, Performance and Leadership \u2013 Improvement Plan actions"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("Key: Blue \u2013 completed; Green \u2013 on track; Amber \u2013 some progress "
                "but slippage; Red \u2013 not progressed as planned (RAG shown by cell colour)")
    ws["A2"].font = Font(italic=True)
    cols = ["No.", "Theme", "Description", "Responsible", "Deadline", "RAG", "Update", "Evidence"]
    first, last = 6, 6 + len(QA_LEADERSHIP) - 1
    ws["A3"] = "Actions in this return:"
    ws["C3"] = f"=COUNTA(C{first}:C{last})"
    header_row(ws, 5, cols, fill=PatternFill("solid", fgColor="FF7030A0"))
    r = first
    for ref, sec, action, lead, due, st, prog, ev in QA_LEADERSHIP:
        write_row(ws, r, [ref, sec, action, lead, d(due), None, prog, ev], "dd/mm/yyyy")
        ws.cell(row=r, column=6).fill = PatternFill("solid", fgColor=COLOUR_FILLS[st][FILL_KIND[ref]])
        r += 1
    widths(ws, {"A": 7, "B": 26, "C": 48, "D": 28, "E": 12, "F": 7, "G": 60, "H": 45})
    fit_heights(ws, first, last)
    ws.freeze_panes = "C6"
    ws.auto_filter.ref = f"A5:H{last}"
    landscape(ws, "5:5")
    wb.save(path)


# ---------------------------------------------------------------------------
# Plan workbook 4: Children's Social Work and Corporate Parenting
# two-row header with merged cells, status letters B/G/A/R, section column
# "Priority", no due date on QP1.14.  Written with openpyxl, then converted
# by LibreOffice, so the committed file is LibreOffice's SpreadsheetML.
# ---------------------------------------------------------------------------

def plan_social_work_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CSW plan"
    set_props(wb, "Improvement Plan 2026-27 - Children's Social Work and Corporate Parenting", L_CSW)
    ws["A1"] = "Children's Social Work Service and Corporate Parenting"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Improvement Plan 2026-27 \u2013 position at 31 October 2026"
    fill = PatternFill("solid", fgColor="FFC00000")
    top = [("Action", "A4:D4"), ("Delivery", "E4:F4"), ("Progress", "G4:H4")]
    for text, rng in top:
        first = rng.split(":")[0]
        ws[first] = text
        ws.merge_cells(rng)
    for row in ws["A4:H4"]:
        for cell in row:
            cell.font = HEAD_FONT
            cell.fill = fill
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center")
    header_row(ws, 5, ["Ref", "Priority", "What we will do", "Lead", "By when", "RAG",
                       "Progress update", "Evidence of impact"],
               fill=PatternFill("solid", fgColor="FFE26B0A"))
    r = 6
    for ref, sec, action, lead, due, st, prog, ev in SOCIAL_WORK:
        write_row(ws, r, [ref, sec, action, lead, d(due), st, prog, ev], "dd/mm/yyyy")
        ws.cell(row=r, column=6).alignment = Alignment(horizontal="center", vertical="top")
        r += 1
    widths(ws, {"A": 8, "B": 20, "C": 48, "D": 30, "E": 12, "F": 6, "G": 60, "H": 45})
    fit_heights(ws, 6, r - 1)
    ws.freeze_panes = "A6"
    landscape(ws, "4:5")
    wb.save(path)


def find_soffice():
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    return None


def convert_with_libreoffice(src, dest):
    """openpyxl file -> LibreOffice Calc -> xlsx.  Returns False if soffice is missing."""
    soffice = find_soffice()
    if not soffice:
        return False
    with tempfile.TemporaryDirectory(prefix="bp-lo-") as tmp:
        profile = f"/tmp/lo-profile-{uuid.uuid4().hex}"
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        cmd = ["timeout", "120", soffice, f"-env:UserInstallation=file://{profile}",
               "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
               "--outdir", outdir, src]
        try:
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=150)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        out = os.path.join(outdir, os.path.basename(src))
        if not os.path.exists(out):
            raise RuntimeError("LibreOffice produced no output for " + src)
        shutil.copyfile(out, dest)
    normalise_zip(dest, fix_lo_meta=True)
    return True


# ---------------------------------------------------------------------------
# Plan workbook 5: Early Help and Partnerships (openpyxl)
# sections from the sheet names ("Quality of Practice", "Partnership
# working"), mixed status words, a row with no action text, PW5.3 repeated
# identically from the Front Door workbook.
# ---------------------------------------------------------------------------

MIXED = {"B": ["Complete", "Blue"], "G": ["Green", "On track"],
         "A": ["Amber", "At risk"], "R": ["Off track"]}


def plan_early_help(path):
    wb = openpyxl.Workbook()
    set_props(wb, "Improvement Plan 2026-27 - Early Help and Partnerships", L_EH)
    used = {k: 0 for k in MIXED}
    cols = ["Ref", "Actions", "Owner", "Timescale", "BRAG", "Progress", "Impact"]
    sheets = [(QP, EARLY_HELP_QP), (PW, PARTNERSHIPS + [ERR_NO_ACTION])]
    for i, (name, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws["A1"] = f"Early Help and Partnerships \u2013 {name} \u2013 October 2026 return"
        ws["A1"].font = Font(bold=True, size=13)
        header_row(ws, 2, cols, fill=PatternFill("solid", fgColor="FF00617F"))
        r = 3
        for ref, sec, action, lead, due, st, prog, ev in rows:
            assert sec == name
            if ref == DUPLICATED_REF:
                status = WORD[st]            # exactly as in the Front Door workbook
            elif st in MIXED:
                status = MIXED[st][used[st] % len(MIXED[st])]
                used[st] += 1
            else:
                status = st
            write_row(ws, r, [ref, action, lead, d(due), status, prog, ev], "dd/mm/yyyy")
            r += 1
        widths(ws, {"A": 8, "B": 48, "C": 30, "D": 12, "E": 10, "F": 60, "G": 45})
        fit_heights(ws, 3, r - 1)
        ws.freeze_panes = "A3"
        landscape(ws, "2:2")
    wb.save(path)


# ---------------------------------------------------------------------------
# KPIs: seed 003's "Children's Social Care Highlight Indicators", verbatim
# (tab-separated as in the seed), relabelled to the current year:
# previous year 2022/23 -> 2025/26, months Mar 23 ... Aug 23 -> May 26 ... Oct 26.
# Columns: ref, measure, previous, num, denom, current, period, 6 months, min, upper.
# ---------------------------------------------------------------------------

PREV_YEAR = "2025/26"
MONTHS = [dt.date(2026, m, 1) for m in range(5, 11)]          # May 26 .. Oct 26
MONTH_LABELS = [m.strftime("%b %y") for m in MONTHS]           # "May 26" ...
assert MONTH_LABELS == ["May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26"]

SEED_KPI = """\
Management Oversight
1.1\t% cases with Management Oversight recorded in past 8 weeks\t90%\t1,958\t2,165\t90.4%\tSnapshot\t89.5%\t87.6%\t92.9%\t90.9%\t92.9%\t90.4%\t90%\t95%
Cohorts
1.2\tNumber of CIN (exc. LAC, CP, Care Leavers)\t738\tn/a\tn/a\t790\tSnapshot\t738\t757\t812\t819\t777\t790\t\t
1.3\tNumber of children subject to CPP\t214\tn/a\tn/a\t274\tSnapshot\t215\t234\t224\t246\t253\t274\t\t
1.4\tNumber of LAC\t301\tn/a\tn/a\t291\tSnapshot\t301\t295\t297\t289\t288\t291\t\t
Front door / assessment
2.1\t% of contacts completed within 1 day\t98.3%\t6,015\t6,417\t93.7%\tYTD\t97.3%\t98.3%\t96.5%\t87.9%\t89.3%\t99.1%\t90%\t95%
2.10a\t% of single assessments completed within 45 working days\t89.7%\t1,725\t1,900\t90.8%\tYTD\t89.3%\t93.3%\t88.2%\t91.2%\t93.0%\t88.5%\t90%\t95%
Plans
3.1\t% of children in need with CIN Plan completed\t86.3%\t691\t790\t87.5%\tSnapshot\t86.3%\t86.5%\t85.6%\t87.1%\t88.5%\t87.5%\t85%\t90%
Visits
3.3\t% of CIN children visited within the past four weeks\t84.0%\t615\t790\t77.8%\tSnapshot\t84.0%\t84.5%\t82.8%\t83.3%\t84.0%\t77.8%\t85%\t90%
4.7.2\t% of children on a child protection plan receiving a visit within 10 working days\t95.3%\t245\t274\t89.4%\tSnapshot\t94.9%\t89.7%\t89.7%\t93.1%\t89.3%\t89.4%\t92%\t95%
5.10\t% of CLA Single Assessments not yet completed or outside the one year timescale\t29.6%\t34\t291\t11.7%\tSnapshot\t29.6%\t17.8%\t9.3%\t8.8%\t11.3%\t11.7%\t10%\t5%
5.11\t% of CLA with visits in last 6 weeks\t92.0%\t259\t291\t89.0%\tSnapshot\t92.0%\t82.9%\t82.7%\t88.1%\t88.4%\t89.0%\t90%\t95%
Reviews
3.2\t% of children with CIN Plan with reviews within last 3 months\t87.8%\t601\t691\t87.0%\tSnapshot\t87.8%\t86.7%\t88.3%\t86.1%\t90.4%\t87.0%\t85%\t90%
4.8\t% of CP reviews carried out within statutory timescales\t96.6%\t168\t176\t95.5%\tSnapshot\t96.6%\t96.5%\t95.9%\t97.2%\t96.8%\t95.5%\t96.5%\t98.5%
5.18\tCLA cases which were reviewed within required timescales\t100.0%\t328\t328\t100.0%\tRolling Year\t100.0%\t100.0%\t100.0%\t100.0%\t100.0%\t\t95%\t100%
Care Leavers
6.1\t% care leavers "in touch" (17,18,19,20,21 yr. olds with activity updated within last year)\t98.1%\t256\t268\t95.5%\tSnapshot\t98.1%\t95.5%\t92.9%\t95.6%\t95.9%\t95.5%\t90%\t95%
6.2\t% care leavers EET\t77.3%\t185\t268\t69.0%\tSnapshot\t77.3%\t72.1%\t70.0%\t69.7%\t70.8%\t69.0%\t65%\t75%
6.3\t% care leavers in suitable accommodation\t94.4%\t243\t268\t90.7%\tSnapshot\t94.4%\t92.1%\t89.9%\t91.5%\t92.3%\t90.7%\t85%\t90%
"""

K1_GROUPS = ["Management Oversight", "Cohorts", "Front door / assessment", "Plans", "Visits"]
K2_GROUPS = ["Reviews", "Care Leavers"]


class Num:
    """A seed number: exact Decimal value (fraction for %) and Excel format."""

    def __init__(self, text):
        self.text = text
        t = text.strip()
        if t.endswith("%"):
            p = Decimal(t[:-1])
            self.pct = p                       # 90.4
            self.value = p / 100               # 0.904
            self.fmt = "0.0%" if "." in t else "0%"
        else:
            self.pct = None
            self.value = Decimal(t.replace(",", ""))
            self.fmt = "#,##0"

    def __float__(self):
        return float(self.value)


def parse_seed_kpis():
    kpis, group = [], None
    for line in SEED_KPI.splitlines():
        f = line.split("\t")
        if len(f) == 1:
            group = f[0]
            continue
        assert len(f) == 15, (f[0], len(f))
        cell = lambda t: None if t == "" else ("n/a" if t == "n/a" else Num(t))  # noqa: E731
        kpis.append({
            "group": group, "ref": f[0], "title": f[1], "previous": cell(f[2]),
            "num": cell(f[3]), "denom": cell(f[4]), "current": cell(f[5]),
            "period": f[6], "trend": [cell(t) for t in f[7:13]],
            "min": cell(f[13]), "upper": cell(f[14]),
        })
    return kpis


def rag(value, tmin, upper):
    """SPEC 2.1, on exact decimals.  Min > Upper means lower is better."""
    if tmin is None or upper is None:
        return "none"
    if tmin > upper:                                  # lower is better
        if value <= upper:
            return "green"
        return "amber" if value <= tmin else "red"
    if value >= upper:
        return "green"
    return "amber" if value >= tmin else "red"


EXPECTED_KPI = {
    "green": {"5.18", "6.1", "6.3"},
    "amber": {"1.1", "2.1", "2.10a", "3.1", "3.2", "6.2"},
    "red": {"3.3", "4.7.2", "5.10", "5.11", "4.8"},
    "none": {"1.2", "1.3", "1.4"},
}


def check_kpi_data(kpis):
    refs = [k["ref"] for k in kpis]
    assert refs == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.10a", "3.1", "3.3", "4.7.2", "5.10",
                    "5.11", "3.2", "4.8", "5.18", "6.1", "6.2", "6.3"], refs
    got = {"green": set(), "amber": set(), "red": set(), "none": set()}
    for k in kpis:
        r = rag(k["current"].value, k["min"] and k["min"].value, k["upper"] and k["upper"].value)
        got[r].add(k["ref"])
        if k["num"] not in (None, "n/a"):
            ratio = k["num"].value / k["denom"].value
            assert abs(ratio - k["current"].value) < Decimal("0.0005"), (k["ref"], ratio)
    assert got == EXPECTED_KPI, got
    # Second form used by the Reviews/Care Leavers workbook: Target + Tolerance.
    for k in kpis:
        if k["group"] in K2_GROUPS:
            target, tol = k["upper"].pct, k["upper"].pct - k["min"].pct
            tmin = target - tol                    # exact: 98.5 - 2 = 96.5
            r = rag(k["current"].pct, tmin, target)
            assert k["ref"] in EXPECTED_KPI[r], (k["ref"], r)
    return {c: len(v) for c, v in got.items()}


# Ratings typed by the Reviews / Care Leavers team.  3.2 is wrong on purpose:
# 87.0% is between the minimum (85) and the target (90), so amber, not green.
K2_TEAM_RAG = {"3.2": "Green", "4.8": "Red", "5.18": "Green", "6.1": "Green",
               "6.2": "Amber", "6.3": "Green"}
K2_COMMENTARY = {
    "3.2": ("87.0% of CIN plans reviewed within 3 months, up from 86.1% in August. "
            "Reviews falling due are now booked when the plan is made, and team managers "
            "get a fortnightly list of reviews due in the next 4 weeks."),
    "4.8": ("8 of 176 CP reviews were late, 3 of them because of conference chair sickness "
            "in October. A relief chair is in place from November and any review at risk "
            "of slipping is escalated to the Conference and Review Service Manager."),
    "5.18": "",
    "6.1": "",
    "6.2": ("69.0% of care leavers in education, employment or training, below the 75% target "
            "but above the 65% minimum. A dedicated EET worker joins the 16 plus team in "
            "January and the council apprenticeship scheme has ring-fenced 6 places."),
    "6.3": "",
}


# ---------------------------------------------------------------------------
# KPI workbook 1: seed 003's exact layout, first 11 measures (XlsxWriter)
# ---------------------------------------------------------------------------

def kpi_highlight(path, kpis):
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": "Children's Social Care Highlight Indicators",
                       "author": "Performance and Intelligence Team",
                       "company": "Children's Services", "created": FIXED_TS})
    ws = wb.add_worksheet("Highlight Indicators")
    base = {"font_name": "Arial", "font_size": 9, "border": 1, "valign": "vcenter"}
    F = lambda **kw: wb.add_format({**base, **kw})  # noqa: E731
    title = wb.add_format({"font_name": "Arial", "bold": True, "font_size": 14})
    sub = wb.add_format({"font_name": "Arial", "italic": True, "font_size": 9})
    band = F(bold=True, text_wrap=True, align="center", bg_color="#1F3864", font_color="#FFFFFF")
    head = F(bold=True, text_wrap=True, align="center", bg_color="#D9E1F2")
    grp = F(bold=True, bg_color="#BFBFBF")
    txt = F(text_wrap=True)
    ctr = F(align="center")
    fmts = {}

    def numfmt(fmt):
        if fmt not in fmts:
            fmts[fmt] = F(num_format=fmt, align="center")
        return fmts[fmt]

    ws.write("A1", "Children's Social Care Highlight Indicators", title)
    ws.write("A2", "This report provides summary overview of KPIs linked to child-centred "
             "performance management data being used in support of performance improvement "
             "across CSC", sub)
    # First header row: the bands.
    ws.merge_range("A3:B3", "Performance measure title and reference", band)
    ws.write("C3", "Performance from previous financial year", band)
    ws.merge_range("D3:M3", "Performance for current period (either snapshot, YTD or rolling "
                   "year depending on measure) - plus last six monthly performance outturns "
                   "(where available)", band)
    ws.merge_range("N3:O3", "Agreed targets (using corporate minimum/upper model)", band)
    ws.write("P3", "Trend line for last 6 months performance", band)
    # Then the column headers, over three rows.
    ws.merge_range("A4:A6", "Ref", head)
    ws.merge_range("B4:B6", "Performance Measure", head)
    ws.merge_range("C4:C6", PREV_YEAR, head)
    ws.merge_range("D4:M4", "Current Performance", head)
    ws.merge_range("N4:O4", "Target", head)
    ws.merge_range("P4:P6", "Trend", head)
    for col, name in zip("DEFG", ["Num", "Denom", "Current", "Period"]):
        ws.merge_range(f"{col}5:{col}6", name, head)
    ws.merge_range("H5:M5", "Six Month Trend", head)
    ws.merge_range("N5:N6", "Min", head)
    ws.merge_range("O5:O6", "Upper", head)
    for i, label in enumerate(MONTH_LABELS):
        ws.write_string(5, 7 + i, label, head)
    ws.set_row(2, 48)
    ws.set_row(3, 18)

    r = 6
    group = None
    for k in kpis:
        if k["group"] not in K1_GROUPS:
            continue
        if k["group"] != group:
            group = k["group"]
            ws.write_string(r, 0, group, grp)
            for c in range(1, 16):
                ws.write_blank(r, c, None, grp)
            r += 1
        ws.write_string(r, 0, k["ref"], ctr)
        ws.write_string(r, 1, k["title"], txt)
        cells = [k["previous"], k["num"], k["denom"], k["current"]]
        for c, v in zip((2, 3, 4, 5), cells):
            if v == "n/a":
                ws.write_string(r, c, "n/a", ctr)
            else:
                ws.write_number(r, c, float(v), numfmt(v.fmt))
        ws.write_string(r, 6, k["period"], ctr)
        for i, v in enumerate(k["trend"]):
            if v is None:
                ws.write_blank(r, 7 + i, None, ctr)
            else:
                ws.write_number(r, 7 + i, float(v), numfmt(v.fmt))
        for c, v in ((13, k["min"]), (14, k["upper"])):
            if v is None:
                ws.write_blank(r, c, None, ctr)
            else:
                ws.write_number(r, c, float(v), numfmt(v.fmt))
        ws.write_blank(r, 15, None, ctr)
        ws.add_sparkline(r, 15, {"range": f"'Highlight Indicators'!H{r + 1}:M{r + 1}",
                                 "markers": True, "series_color": "#1F3864"})
        ws.set_row(r, 30)
        r += 1
    ws.set_column("A:A", 7)
    ws.set_column("B:B", 46)
    ws.set_column("C:C", 11)
    ws.set_column("D:G", 9)
    ws.set_column("H:M", 8)
    ws.set_column("N:O", 7)
    ws.set_column("P:P", 16)
    ws.freeze_panes(6, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2, 5)
    wb.close()


# ---------------------------------------------------------------------------
# KPI workbook 2: the other 6 measures, another layout (openpyxl)
# Group column, "Indicator no.", percentages as numbers under "(%)" headers
# (two cells as text "87.0%"), month headers that are real dates, a single
# Target + Tolerance, a team RAG column (one wrong) and commentary.
# ---------------------------------------------------------------------------

TEXT_PCT_CELLS = {("3.2", "current"), ("6.3", "previous")}


def kpi_reviews(path, kpis):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    set_props(wb, "Reviews and Care Leavers - indicator return, October 2026",
              "Conference and Review Service Manager")
    ws["A1"] = "Reviews and Care Leavers \u2013 monthly indicator return"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = ("Position at 31 October 2026. Figures are percentages except Numerator and "
                "Denominator. Target and tolerance as agreed with the Performance and "
                "Intelligence Team.")
    ws["A2"].font = Font(italic=True)
    cols = (["Group", "Indicator no.", "Measure", "Last year (%)", "Numerator", "Denominator",
             "Actual (%)", "Period"] + MONTHS + ["Target (%)", "Tolerance (%)", "RAG", "Commentary"])
    header_row(ws, 4, cols, fill=PatternFill("solid", fgColor="FF305496"))
    for i in range(len(MONTHS)):
        c = ws.cell(row=4, column=9 + i)
        c.value = dt.datetime.combine(MONTHS[i], dt.time())
        c.number_format = "mmm yy"
    r = 5

    def pct(ref, key, n):
        if n is None:
            return None
        if (ref, key) in TEXT_PCT_CELLS:
            return f"{n.pct:.1f}%"
        return float(n.pct)

    for k in kpis:
        if k["group"] not in K2_GROUPS:
            continue
        ref = k["ref"]
        target = k["upper"].pct
        tol = k["upper"].pct - k["min"].pct
        row = ([k["group"], ref, k["title"], pct(ref, "previous", k["previous"]),
                int(k["num"].value), int(k["denom"].value), pct(ref, "current", k["current"]),
                k["period"]] + [pct(ref, "trend", t) for t in k["trend"]]
               + [float(target), float(tol), K2_TEAM_RAG[ref], K2_COMMENTARY[ref]])
        write_row(ws, r, row)
        for c in [4, 7] + list(range(9, 17)):
            cell = ws.cell(row=r, column=c)
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
        r += 1
    widths(ws, {"A": 13, "B": 11, "C": 44, "D": 10, "E": 11, "F": 12, "G": 10, "H": 12,
                "I": 8, "J": 8, "K": 8, "L": 8, "M": 8, "N": 8, "O": 10, "P": 11, "Q": 8,
                "R": 70})
    fit_heights(ws, 5, r - 1)
    ws.freeze_panes = "D5"
    landscape(ws, "4:4")
    wb.save(path)


# ---------------------------------------------------------------------------
# Read-back: open every written workbook with openpyxl and rebuild the plan
# and the scorecard from the cells, the way a careful reader would, to check
# that the files (LibreOffice's included) hold what was meant.
# ---------------------------------------------------------------------------

PLAN_SYNONYMS = {
    "ref": {"ref", "no", "id", "actionref"},
    "section": {"section", "theme", "priority", "area", "workstream", "objective"},
    "action": {"action", "actions", "whatwewilldo", "description"},
    "lead": {"lead", "owner", "leadofficer", "responsible"},
    "due": {"duedate", "targetdate", "deadline", "bywhen", "timescale"},
    "status": {"status", "rag", "ragstatus", "progressrag", "brag"},
    "progress": {"progress", "update", "commentary", "progressupdate", "comments"},
    "evidence": {"evidence", "impact", "evidenceofimpact"},
}
STATUS_WORDS = {
    "B": {"blue", "b", "complete", "completed", "done"},
    "G": {"green", "g", "ontrack"},
    "A": {"amber", "a", "atrisk", "someprogressbutslippage"},
    "R": {"red", "r", "notprogressed", "offtrack", "notprogressedasplanned"},
}
THEME_2007 = ["FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD", "C0504D", "9BBB59",
              "8064A2", "4BACC6", "F79646"]


def norm(s):
    return re.sub(r"[^a-z0-9]", "", str(s).lower())


def status_from_text(v):
    n = norm(v)
    for code, words in STATUS_WORDS.items():
        if n in words:
            return code
    first = norm(re.split(r"[\s\-\u2013]+", str(v).strip())[0])
    for code, words in STATUS_WORDS.items():
        if first in words and first not in ("a", "b", "g", "r"):
            return code
    return None


def fill_rgb(cell):
    f = cell.fill
    if f is None or f.fill_type != "solid":
        return None
    c = f.fgColor
    if c.type == "rgb":
        return c.rgb[-6:]
    if c.type == "indexed":
        return COLOR_INDEX[c.indexed][-6:]
    if c.type == "theme":
        rgb = THEME_2007[c.theme]
        r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
        h, lum, s = colorsys.rgb_to_hls(r, g, b)
        t = c.tint or 0.0
        lum = lum * (1 + t) if t < 0 else lum + (1 - lum) * t
        r, g, b = colorsys.hls_to_rgb(h, lum, s)
        return "%02X%02X%02X" % tuple(round(x * 255) for x in (r, g, b))
    return None


def status_from_fill(rgb):
    if rgb is None:
        return None
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.25 or lum > 0.9 or lum < 0.1:
        return None
    deg = h * 360
    if deg < 15 or deg >= 345:
        return "R"
    if deg < 65:
        return "A"
    if deg < 170:
        return "G"
    if deg < 260:
        return "B"
    return None


def read_plan(path):
    wb = openpyxl.load_workbook(path)          # formulas kept as text
    records, errors, infos = [], [], []
    for ws in wb.worksheets:
        best = None
        for r in range(1, 16):
            fields = {}
            for c in range(1, ws.max_column + 1):
                v = ws.cell(row=r, column=c).value
                if isinstance(v, str):
                    for field, names in PLAN_SYNONYMS.items():
                        if norm(v) in names and field not in fields:
                            fields[field] = c
            if "action" in fields and "status" in fields and (best is None or len(fields) > len(best[1])):
                best = (r, fields)
        if best is None:
            continue
        hr, cols = best
        section = ws.title if ws.title in SECTIONS else None
        for r in range(hr + 1, ws.max_row + 1):
            vals = [ws.cell(row=r, column=c).value for c in range(1, ws.max_column + 1)]
            filled = [i for i, v in enumerate(vals) if v not in (None, "")]
            if not filled:
                continue
            if filled == [0] and isinstance(vals[0], str):
                section = vals[0]
                continue
            get = lambda f: vals[cols[f] - 1] if f in cols else None  # noqa: E731
            where = f"{os.path.basename(path)}!{ws.title}!row {r}"
            st_raw = get("status")
            if st_raw in (None, ""):
                st = status_from_fill(fill_rgb(ws.cell(row=r, column=cols["status"])))
                if st:
                    infos.append(("status-from-colour", where))
            else:
                st = status_from_text(st_raw)
            due = get("due")
            rec = {"ref": get("ref"), "section": get("section") or section,
                   "action": get("action"), "lead": get("lead"),
                   "due": due.date() if isinstance(due, dt.datetime) else due,
                   "status": st, "progress": get("progress"), "evidence": get("evidence"),
                   "where": where}
            problem = None
            if st is None:
                problem = f"status {st_raw!r} is not a status"
            elif due is not None and not isinstance(due, (dt.date, dt.datetime)):
                problem = f"due date {due!r} is not a date"
            elif not rec["action"]:
                problem = "no action text"
            if problem:
                errors.append((rec["ref"], problem, where))
            else:
                records.append(rec)
    return records, errors, infos


def check_plan_files(paths):
    records, errors, infos = [], [], []
    for p in paths:
        rec, err, inf = read_plan(p)
        records += rec
        errors += err
        infos += inf
    merged, by_ref = [], {}
    key = lambda x: tuple(x[f] for f in ("section", "action", "lead", "due", "status",  # noqa: E731
                                          "progress", "evidence"))
    for rec in records:
        ref = rec["ref"]
        if ref in by_ref:
            assert key(by_ref[ref]) == key(rec), f"{ref} differs: {by_ref[ref]['where']} / {rec['where']}"
            infos.append(("duplicate-merged", ref))
            continue
        by_ref[ref] = rec
        merged.append(rec)
    counts = {s: [0, 0, 0, 0, 0] for s in SECTIONS}
    for rec in merged:
        c = counts[rec["section"]]
        c[0] += 1
        c["BGAR".index(rec["status"]) + 1] += 1
    for s in SECTIONS:
        assert tuple(counts[s]) == SEED_PLAN_TABLE[s], (s, counts[s])
    expected = {a[0]: a for a in ALL_ACTIONS}
    assert set(by_ref) == set(expected)
    for ref, rec in by_ref.items():
        a = expected[ref]
        assert (rec["section"], rec["action"], rec["lead"] or "", rec["due"], rec["status"],
                rec["progress"], rec["evidence"]) == (a[1], a[2], a[3], d(a[4]), a[5], a[6], a[7]), ref
    assert sorted(e[0] for e in errors) == sorted([ERR_TBC[0], ERR_DUE_TEXT[0], ERR_NO_ACTION[0]]), errors
    warn_lead = sorted(r["ref"] for r in merged if not r["lead"])
    warn_due = sorted(r["ref"] for r in merged if r["due"] is None)
    overdue = sorted(r["ref"] for r in merged if r["status"] != "B" and r["due"] and r["due"] < AS_OF)
    return {"counts": counts, "errors": errors, "infos": infos, "no_lead": warn_lead,
            "no_due": warn_due, "overdue": overdue}


def kpi_number(v, header_pct):
    if v is None or v == "n/a":
        return v
    if isinstance(v, str):
        assert v.endswith("%"), v
        return Decimal(v[:-1]) / 100
    dv = Decimal(repr(v))
    return dv / 100 if header_pct else dv


def check_kpi_files(k1, k2, kpis):
    seed = {k["ref"]: k for k in kpis}
    found = {}
    # Workbook 1: seed layout, data from row 7.
    wb = openpyxl.load_workbook(k1)
    ws = wb.active
    assert ws["A1"].value == "Children's Social Care Highlight Indicators"
    assert ws["C4"].value == PREV_YEAR and ws["D4"].value == "Current Performance"
    assert [ws.cell(row=6, column=c).value for c in range(8, 14)] == MONTH_LABELS
    assert {"D4:M4", "H5:M5", "N4:O4", "A3:B3", "D3:M3"} <= {str(m) for m in ws.merged_cells.ranges}
    group = None
    for r in range(7, ws.max_row + 1):
        a, b = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if a and b is None:
            group = a
            continue
        v = lambda c: kpi_number(ws.cell(row=r, column=c).value, False)  # noqa: E731
        found[a] = {"group": group, "value": v(6), "min": v(14), "upper": v(15),
                    "num": v(4), "denom": v(5), "trend": [v(c) for c in range(8, 14)],
                    "fmt": ws.cell(row=r, column=6).number_format}
    # Workbook 2: header row 4, columns by name.
    wb = openpyxl.load_workbook(k2)
    ws = wb.active
    head = {}
    for c in range(1, ws.max_column + 1):
        h = ws.cell(row=4, column=c).value
        head[h if isinstance(h, str) else h.date()] = c
    assert [h for h in head if isinstance(h, dt.date)] == MONTHS
    mismatched = []
    for r in range(5, ws.max_row + 1):
        g = lambda h, pct=True: kpi_number(ws.cell(row=r, column=head[h]).value, pct)  # noqa: E731
        ref = ws.cell(row=r, column=head["Indicator no."]).value
        target, tol = g("Target (%)"), g("Tolerance (%)")
        found[ref] = {"group": ws.cell(row=r, column=head["Group"]).value,
                      "value": g("Actual (%)"), "min": target - tol, "upper": target,
                      "num": g("Numerator", False), "denom": g("Denominator", False),
                      "trend": [g(m) for m in MONTHS], "fmt": None,
                      "team_rag": ws.cell(row=r, column=head["RAG"]).value}
    assert set(found) == set(seed), set(found) ^ set(seed)
    counts = {"green": set(), "amber": set(), "red": set(), "none": set()}
    for ref, f in found.items():
        s = seed[ref]
        assert f["group"] == s["group"], ref
        assert f["value"] == s["current"].value, (ref, f["value"])
        tr = [None if t is None else t.value for t in s["trend"]]
        assert f["trend"] == tr, (ref, f["trend"], tr)
        res = rag(f["value"], f["min"], f["upper"]) if f["min"] is not None else "none"
        counts[res].add(ref)
        if f.get("team_rag") and f["team_rag"].lower() != res:
            mismatched.append((ref, f["team_rag"], res))
    assert counts == EXPECTED_KPI, counts
    assert mismatched == [("3.2", "Green", "amber")], mismatched
    assert found["5.18"]["trend"][-1] is None
    return {c: len(v) for c, v in counts.items()}, mismatched


# ---------------------------------------------------------------------------

PLAN_FILES = {
    "plan-front-door-assessment.xlsx": plan_front_door,
    "plan-workforce.xlsx": plan_workforce,
    "plan-qa-performance-leadership.xlsx": plan_qa_leadership,
    "plan-childrens-social-work.xlsx": None,      # LibreOffice, below
    "plan-early-help-partnerships.xlsx": plan_early_help,
}
KPI_FILES = {
    "kpi-highlight-indicators.xlsx": kpi_highlight,
    "kpi-reviews-care-leavers.xlsx": kpi_reviews,
}


def main():
    overdue = check_plan_data()
    kpis = parse_seed_kpis()
    kpi_counts = check_kpi_data(kpis)
    print(f"data checks: 62 actions match seed 002's table; KPI RAG {kpi_counts}")

    for name, writer in list(PLAN_FILES.items()) + list(KPI_FILES.items()):
        if writer is None:
            continue
        path = os.path.join(HERE, name)
        tmp = path + ".tmp.xlsx"
        if name.startswith("kpi-"):
            writer(tmp, kpis)
        else:
            writer(tmp)
        normalise_zip(tmp)
        os.replace(tmp, path)
        print("wrote", name)

    lo_name = "plan-childrens-social-work.xlsx"
    lo_path = os.path.join(HERE, lo_name)
    with tempfile.TemporaryDirectory(prefix="bp-samples-") as tmp:
        src = os.path.join(tmp, lo_name)
        plan_social_work_openpyxl(src)
        if convert_with_libreoffice(src, lo_path + ".tmp"):
            os.replace(lo_path + ".tmp", lo_path)
            print("wrote", lo_name, "(via LibreOffice)")
        elif os.path.exists(lo_path):
            print("soffice not found: kept the committed", lo_name, file=sys.stderr)
        else:
            sys.exit("soffice not found and no committed " + lo_name)
    with zipfile.ZipFile(lo_path) as z:
        app = z.read("docProps/app.xml").decode()
        assert "LibreOffice" in app, "plan-childrens-social-work.xlsx was not written by LibreOffice"

    res = check_plan_files([os.path.join(HERE, n) for n in PLAN_FILES])
    assert res["overdue"] == sorted(overdue), (res["overdue"], overdue)
    assert res["no_lead"] == ["CC2.11"] and res["no_due"] == ["QP1.14"], res
    assert [i for i in res["infos"] if i[0] == "duplicate-merged"] == [("duplicate-merged", DUPLICATED_REF)]
    assert sum(1 for i in res["infos"] if i[0] == "status-from-colour") == len(QA_LEADERSHIP)
    kc, mism = check_kpi_files(os.path.join(HERE, "kpi-highlight-indicators.xlsx"),
                               os.path.join(HERE, "kpi-reviews-care-leavers.xlsx"), kpis)
    print("read-back: plan per section (total, blue, green, amber, red):")
    for s in SECTIONS:
        print(f"  {s}: {tuple(res['counts'][s])}")
    print("  errors:", [(e[0], e[1]) for e in res["errors"]])
    print("  no lead:", res["no_lead"], " no due date:", res["no_due"])
    print(f"  overdue as of {AS_OF}:", res["overdue"])
    print("read-back: KPI RAG", kc, " team RAG disagreeing:", mism)


if __name__ == "__main__":
    main()
