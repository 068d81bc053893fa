"""The other demo LEAs: invented districts, a charter school and a county office.

Every name, CDS code (the first two digits are the real county code), person and figure here is
fictional. Each LEA shows a different situation: steady progress (Piedra Azul), a missed quarter
(Riverlight Academy), a county office as an LEA (Mirador), a plateau (Mesa Linda), an exited
engagement (Juniper Crest) and an engagement that has just started (Harbor Oaks).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sir_tracker.demo.spec import (
    ActionSpec,
    AttendeeSpec,
    EngagementSpec,
    FindingSpec,
    LeaSpec,
    MeetingSpec,
    NextStepSpec,
    SirSpec,
    StatusStep,
)
from sir_tracker.leas.models import EngagementMode, LeaKind, Pathway, Readiness
from sir_tracker.meetings.models import MeetingKind, Organisation
from sir_tracker.reviews.models import ActionStatus, SirState, SwotCategory

_EV = "https://demo.sir-tracker.example/evidence/"
_S = SwotCategory.STRENGTH
_W = SwotCategory.WEAKNESS
_O = SwotCategory.OPPORTUNITY
_T = SwotCategory.THREAT
_Q = MeetingKind.QUARTERLY
_LEA = Organisation.LEA
_CCEE = Organisation.CCEE
_COE = Organisation.COE
_GEO = Organisation.GEO_LEAD


def _ip(meeting: int, note: str, evidence_url: str | None = None) -> StatusStep:
    return StatusStep(meeting, ActionStatus.IN_PROGRESS, note, evidence_url)


def _done(meeting: int, note: str, evidence_url: str | None = None) -> StatusStep:
    return StatusStep(meeting, ActionStatus.COMPLETED, note, evidence_url)


# ---------------------------------------------------------------------------------------------
# (a) Piedra Azul Unified (Fresno): Continuum of Support, steady progress since May 2024.
# Meetings: 0 = 2024-09-17 ... 8 = 2026-09-15, all quarterly.
# ---------------------------------------------------------------------------------------------

_PA_SUP = AttendeeSpec("Dr. Teresa Lindqvist", "Superintendent", _LEA)
_PA_ASST = AttendeeSpec("Raymond Her", "Assistant Superintendent, Educational Services", _LEA)
_PA_MLS = AttendeeSpec("Maribel Cortez", "Director of Multilingual Learner Services", _LEA)
_PA_CI = AttendeeSpec("Owen Gallardo", "Director of Curriculum and Instruction", _LEA)
_PA_LEAD = AttendeeSpec("Samuel Okafor", "CCEE Lead", _CCEE)
_PA_CCEE = AttendeeSpec("Jenna Whitlock", "CCEE Professional Expert, Multilingual Learners", _CCEE)
_PA_COE = AttendeeSpec(
    "Victor Saephan",
    "Coordinator, Differentiated Assistance, Fresno County Superintendent of Schools",
    _COE,
)
_PA_GEO = AttendeeSpec("Dana Pruitt", "Liaison, Region 7 Geographic Lead Agency", _GEO)
_PA_EV = _EV + "piedra-azul/"

_PIEDRA_AZUL_SIR = SirSpec(
    title="Piedra Azul Unified School District Systemic Instructional Review",
    report_date=date(2024, 5, 17),
    state=SirState.FINAL,
    themes=(
        "Coherent Tier 1 instruction",
        "Multilingual learner success",
        "Data-informed leadership",
        "Family and community partnership",
    ),
    findings=(
        FindingSpec(
            1,
            _S,
            "The 2022 strategic plan has wide community support and clear goals for graduates.",
        ),
        FindingSpec(
            2,
            _W,
            "ELA and math materials are adopted, but pacing and unit assessments differ from "
            "school to school.",
        ),
        FindingSpec(
            3,
            _W,
            "English learners, about 40% of students, receive designated ELD of very uneven "
            "length and quality.",
        ),
        FindingSpec(
            3,
            _O,
            "Two rural elementary schools have strong ELD routines that other schools could "
            "learn from.",
        ),
        FindingSpec(
            5,
            _T,
            "The share of long-term English learners in grades 6-8 has risen for three years.",
        ),
        FindingSpec(
            6,
            _S,
            "Parent liaisons at every school have close ties with Spanish- and Hmong-speaking "
            "families.",
        ),
        FindingSpec(
            7,
            _W,
            "Every school has an ILT, but the teams rarely look at student work together.",
        ),
        FindingSpec(
            9,
            _O,
            "The county office runs a math coaching network the district has not yet joined.",
        ),
        FindingSpec(
            10,
            _W,
            "Attendance and benchmark reports go to schools monthly but are seldom used to plan "
            "interventions.",
        ),
    ),
    actions=(
        ActionSpec(
            code="1.1",
            component=1,
            text=(
                "Publish a one-page instructional framework that links the strategic plan's "
                "graduate goals to what is expected in every classroom."
            ),
            responsible="Superintendent",
            theme=1,
            target_date=date(2025, 3, 31),
            steps=(
                _ip(0, "Framework drafted by cabinet and principals at the August retreat."),
                _done(
                    2,
                    "Framework approved by the board on 2025-02-12 and posted in every classroom.",
                    _PA_EV + "instructional-framework.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="1.2",
            component=1,
            text=(
                "Align school plans to the LCAP goals and the SIR themes with a common template "
                "and a mid-year review."
            ),
            responsible="Assistant Superintendent, Educational Services",
            theme=3,
            target_date=date(2025, 12, 31),
            crosswalk=(("LCAP", "Goal 1, Action 2"),),
            steps=(
                _ip(1, "Common school plan template drafted and shared with principals."),
                _done(
                    5,
                    "All 2025-26 school plans use the template; mid-year reviews are set for "
                    "January.",
                ),
            ),
        ),
        ActionSpec(
            code="2.1",
            component=2,
            text=(
                "Adopt district pacing guides and common unit assessments for ELA and "
                "mathematics in grades K-8."
            ),
            responsible="Director of Curriculum and Instruction",
            theme=1,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(0, "Teacher writing teams formed for K-8 ELA and math pacing guides."),
                _done(
                    3,
                    "Pacing guides and unit assessments for K-8 ELA and math published for "
                    "2025-26.",
                    _PA_EV + "pacing-guides-2025-26.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="2.2",
            component=2,
            text=(
                "Set designated ELD minutes and schedules for each grade span and monitor them "
                "through walkthroughs."
            ),
            responsible="Director of Multilingual Learner Services",
            theme=2,
            target_date=date(2026, 3, 31),
            crosswalk=(("LCAP", "Goal 2, Action 1"),),
            steps=(
                _ip(2, "Designated ELD minutes agreed per grade span; schedules under review."),
                _done(
                    6,
                    "Designated ELD is on every master schedule, and walkthroughs check it "
                    "monthly.",
                ),
            ),
        ),
        ActionSpec(
            code="3.1",
            component=3,
            text=(
                "Train all K-8 teachers in integrated ELD strategies for ELA, math and science "
                "lessons."
            ),
            responsible="Director of Multilingual Learner Services",
            theme=2,
            target_date=date(2025, 9, 30),
            steps=(
                _ip(0, "Training days scheduled; the first cohort starts in October."),
                _done(
                    4,
                    "All K-8 teachers completed the four-day integrated ELD series by August 2025.",
                    _PA_EV + "integrated-eld-training-roster.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="3.2",
            component=3,
            text=(
                "Spread the ELD routines of the two highest-growth rural schools through "
                "demonstration classrooms open to all teachers."
            ),
            responsible="Principals",
            theme=2,
            target_date=date(2026, 9, 30),
            steps=(
                _ip(3, "Four demonstration classrooms identified at the two rural schools."),
                _done(
                    8,
                    "Every elementary school sent teams to the demonstration classrooms; the "
                    "routines are now in the district ELD guide.",
                ),
            ),
        ),
        ActionSpec(
            code="3.3",
            component=3,
            text="Introduce structured student discourse routines in secondary math classes.",
            responsible="Director of Curriculum and Instruction",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(5, "Routines piloted in grade 7 math at both middle schools."),),
        ),
        ActionSpec(
            code="4.1",
            component=4,
            text=(
                "Give a universal social-emotional screener twice a year in grades 3-12 and "
                "link results to tiered supports."
            ),
            responsible="Director of Student Services",
            theme=1,
            target_date=date(2026, 3, 31),
            steps=(
                _ip(1, "Screener selected; counselors trained in December."),
                _done(6, "Fall and winter screeners given; counselors follow up within 10 days."),
            ),
        ),
        ActionSpec(
            code="4.2",
            component=4,
            text="Create Tier 2 attendance and behavior interventions at each middle school.",
            responsible="Director of Student Services",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(_ip(4, "Check-in/check-out mentoring started at one middle school."),),
        ),
        ActionSpec(
            code="5.1",
            component=5,
            text=(
                "Set a district assessment calendar with three benchmark windows and a "
                "data-review week after each."
            ),
            responsible="Coordinator of Assessment",
            theme=3,
            target_date=date(2024, 12, 31),
            steps=(
                _ip(0, "Draft calendar shared with principals for comment."),
                _done(1, "Calendar published on 2024-10-02; the fall window ran on schedule."),
            ),
        ),
        ActionSpec(
            code="5.2",
            component=5,
            text=(
                "Set annual reclassification and long-term English learner targets for every "
                "school."
            ),
            responsible="Director of Multilingual Learner Services",
            theme=2,
            target_date=date(2025, 9, 30),
            crosswalk=(("LCAP", "Goal 2, Action 3"),),
            steps=(
                _ip(1, "Baseline reclassification rates compiled by school."),
                _done(4, "Targets for every school adopted with the 2025-26 school plans."),
            ),
        ),
        ActionSpec(
            code="5.3",
            component=5,
            text=(
                "Hold data-review meetings after each benchmark window in which principals "
                "present plans for students not yet at standard."
            ),
            responsible="Assistant Superintendent, Educational Services",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(2, "First data-review meetings held after the winter window."),
                _done(
                    7,
                    "Data reviews held after all three 2025-26 windows, each with written "
                    "school plans.",
                    _PA_EV + "data-review-protocol.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="6.1",
            component=6,
            text=(
                "Offer family learning nights in Spanish and Hmong on reading and math at home, "
                "planned with the parent liaisons."
            ),
            responsible="Coordinator of Family Engagement",
            theme=4,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(2, "First family learning nights held at three schools."),
                _done(
                    7,
                    "Every school held three family learning nights in 2025-26; 1,240 family "
                    "members took part.",
                ),
            ),
        ),
        ActionSpec(
            code="7.1",
            component=7,
            text=(
                "Adopt a common ILT protocol for examining student work and use it at least "
                "monthly at every school."
            ),
            responsible="Principals",
            theme=3,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(0, "Protocol drafted with CCEE and tested by two ILTs."),
                _done(3, "All ILTs used the protocol monthly from January to May."),
            ),
        ),
        ActionSpec(
            code="7.2",
            component=7,
            text=(
                "Have each ILT run two improvement cycles a year on its ELD focus and share the "
                "results with other schools."
            ),
            responsible="Principals",
            theme=2,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(3, "ILTs chose their ELD focus for 2025-26."),
                _done(8, "Both cycles completed at every school and shared at a showcase."),
            ),
        ),
        ActionSpec(
            code="8.1",
            component=8,
            text="Coach principals monthly on giving teachers instructional feedback.",
            responsible="Assistant Superintendent, Educational Services",
            theme=3,
            target_date=date(2025, 12, 31),
            steps=(
                _ip(1, "Monthly coaching started for all principals with CCEE support."),
                _done(5, "Coaching is now led by district staff; CCEE support has ended."),
            ),
        ),
        ActionSpec(
            code="9.1",
            component=9,
            text=(
                "Write a three-year professional learning plan centered on Tier 1 instruction "
                "and ELD."
            ),
            responsible="Director of Curriculum and Instruction",
            theme=1,
            target_date=date(2026, 3, 31),
            steps=(
                _ip(0, "Needs survey sent to all teachers."),
                _done(
                    6,
                    "Three-year plan adopted by the board on 2026-02-18.",
                    _PA_EV + "professional-learning-plan.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="9.2",
            component=9,
            text=(
                "Join the county office's math coaching network and train two math coaches for "
                "each middle school."
            ),
            responsible="Director of Curriculum and Instruction",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(4, "District joined the network; coaches start training in October."),),
        ),
        ActionSpec(
            code="10.1",
            component=10,
            text=(
                "Build a school dashboard combining benchmark, attendance and ELPAC data by "
                "student group."
            ),
            responsible="Director of Technology and Data",
            theme=3,
            target_date=date(2025, 12, 31),
            steps=(
                _ip(2, "Dashboard prototype reviewed by principals."),
                _done(5, "Dashboard live for all schools since November."),
            ),
        ),
        ActionSpec(
            code="11.1",
            component=11,
            text=(
                "Clarify roles and decision rights across Educational Services so that schools "
                "know whom to ask for what."
            ),
            responsible="Superintendent",
            theme=3,
            target_date=date(2026, 10, 31),
            steps=(_ip(6, "Decision matrix drafted for cabinet review."),),
        ),
        ActionSpec(
            code="12.1",
            component=12,
            text="Present a quarterly SIR progress report with student outcome data to the board.",
            responsible="Superintendent",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(5, "First quarterly report presented on 2025-11-19."),
                _done(7, "Quarterly reports presented all year; now a standing board item."),
            ),
        ),
    ),
)

_PA_MEETINGS = (
    MeetingSpec(
        held_on=date(2024, 9, 17),
        kind=_Q,
        agenda="SIR debrief; first-year priorities; assessment calendar.",
        summary=(
            "First quarterly review since the SIR report. The district chose pacing guides, the "
            "assessment calendar, integrated ELD training and an ILT protocol as first-year "
            "priorities; six actions are under way."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_MLS, _PA_LEAD, _PA_CCEE, _PA_COE),
        swot_notes=(
            (_S, "Principals and teacher leaders endorsed the SIR findings at the debrief."),
            (_W, "Designated ELD time is still decided school by school."),
        ),
        metrics=(("English learners reclassified in 2023-24", Decimal("11.2"), "%"),),
        next_steps=(
            NextStepSpec(
                "Publish the 2024-25 assessment calendar with data-review weeks.",
                "Coordinator of Assessment",
                date(2024, 10, 4),
                date(2024, 10, 2),
            ),
            NextStepSpec(
                "Schedule integrated ELD training days for all K-8 staff.",
                "Director of Multilingual Learner Services",
                date(2024, 10, 31),
                date(2024, 10, 25),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2024, 12, 10),
        kind=_Q,
        agenda="Fall benchmark results; school plan template; principal coaching.",
        summary=(
            "The assessment calendar is in use and the fall window ran on time. Four more "
            "actions began, including principal coaching and school-level reclassification "
            "targets."
        ),
        attendees=(_PA_ASST, _PA_MLS, _PA_CI, _PA_LEAD, _PA_COE),
        swot_notes=(
            (_S, "Fall benchmark participation was high at every school."),
            (_O, "The county office's math network has open seats for spring."),
        ),
        metrics=(("Fall benchmark participation", Decimal("94"), "%"),),
        next_steps=(
            NextStepSpec(
                "Bring the instructional framework to the board.",
                "Superintendent",
                date(2025, 2, 28),
                date(2025, 2, 12),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2025, 3, 11),
        kind=_Q,
        agenda="Instructional framework; ELD schedules; family learning nights.",
        summary=(
            "The board approved the instructional framework. Work began on designated ELD "
            "schedules, data reviews, family learning nights and a school dashboard."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_MLS, _PA_LEAD, _PA_CCEE, _PA_COE, _PA_GEO),
        swot_notes=(
            (_S, "Integrated ELD training is well attended and rated highly by teachers."),
            (_W, "Middle school teams have not yet used the ILT protocol."),
        ),
        metrics=(("Teachers trained in integrated ELD strategies", Decimal("68"), "%"),),
        next_steps=(
            NextStepSpec(
                "Finish the K-8 pacing guides before summer.",
                "Director of Curriculum and Instruction",
                date(2025, 5, 30),
                date(2025, 5, 28),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2025, 6, 10),
        kind=_Q,
        agenda="Spring benchmark results; pacing guides; ILT protocol; 2025-26 planning.",
        summary=(
            "Pacing guides and common unit assessments are ready for 2025-26, and every ILT "
            "now uses the student-work protocol. Demonstration classrooms and ILT improvement "
            "cycles were launched for next year."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_CI, _PA_LEAD, _PA_COE),
        swot_notes=(
            (_S, "ILTs are looking at student work monthly at every school."),
            (_T, "Two middle school principal positions are vacant for the fall."),
        ),
        metrics=(
            ("Students meeting the spring ELA benchmark, grades 3-8", Decimal("41"), "%"),
            ("Students meeting the spring math benchmark, grades 3-8", Decimal("33"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Complete the integrated ELD series for the last teacher cohort in August.",
                "Director of Multilingual Learner Services",
                date(2025, 8, 15),
                date(2025, 8, 14),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2025, 9, 16),
        kind=_Q,
        agenda="Start of 2025-26; reclassification results; middle school supports.",
        summary=(
            "All K-8 teachers finished integrated ELD training and every school has "
            "reclassification targets. The district joined the county math coaching network "
            "and began Tier 2 supports at a middle school."
        ),
        attendees=(_PA_SUP, _PA_MLS, _PA_CI, _PA_LEAD, _PA_CCEE, _PA_COE),
        swot_notes=(
            (_S, "Reclassification rose for the second year in a row."),
            (_O, "Math coaches from the county network can support both middle schools."),
        ),
        metrics=(("English learners reclassified in 2024-25", Decimal("13.5"), "%"),),
        next_steps=(
            NextStepSpec(
                "Present the first quarterly SIR report to the board.",
                "Superintendent",
                date(2025, 11, 30),
                date(2025, 11, 19),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2025, 12, 9),
        kind=_Q,
        agenda="Dashboard launch; school plans; board reporting; secondary math.",
        summary=(
            "School plans are aligned to the LCAP, principal coaching has passed to district "
            "staff and the school dashboard is live. The board now receives a quarterly SIR "
            "report."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_MLS, _PA_LEAD, _PA_COE, _PA_GEO),
        swot_notes=(
            (_S, "District staff now lead principal coaching without CCEE support."),
            (_W, "Secondary math classes still rely on lecture."),
        ),
        metrics=(
            ("Designated ELD observed at the scheduled time in walkthroughs", Decimal("82"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Take the three-year professional learning plan to the board.",
                "Director of Curriculum and Instruction",
                date(2026, 2, 28),
                date(2026, 2, 18),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 3, 10),
        kind=_Q,
        agenda="Professional learning plan; SEL screener; ELD schedules.",
        summary=(
            "The board adopted the three-year professional learning plan, and designated ELD "
            "and the SEL screener are now routine. Cabinet started clarifying decision rights "
            "in Educational Services."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_MLS, _PA_LEAD, _PA_CCEE, _PA_COE),
        swot_notes=(
            (_S, "Counselors follow up on screener results within ten days."),
            (_O, "The professional learning plan gives coaches a shared calendar."),
        ),
        metrics=(("Students screened with the SEL screener in winter", Decimal("91"), "%"),),
        next_steps=(
            NextStepSpec(
                "Share the Educational Services decision matrix with principals.",
                "Superintendent",
                date(2026, 5, 29),
                date(2026, 6, 1),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 6, 9),
        kind=_Q,
        agenda="Spring results; data reviews; family learning nights; 2026-27 planning.",
        summary=(
            "Data reviews, family learning nights and board reporting are established. Spring "
            "benchmark results improved in both ELA and math."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_CI, _PA_LEAD, _PA_COE),
        swot_notes=(
            (_S, "Spring ELA and math benchmark results improved in grades 3-8."),
            (_W, "Tier 2 supports reach only one of the two middle schools."),
        ),
        metrics=(
            ("Students meeting the spring ELA benchmark, grades 3-8", Decimal("47"), "%"),
            ("Students meeting the spring math benchmark, grades 3-8", Decimal("38"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Hold the ILT showcase on ELD improvement cycles.",
                "Principals",
                date(2026, 8, 28),
                date(2026, 8, 27),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 9, 15),
        kind=_Q,
        agenda="Start of 2026-27; ELD improvement cycles; reclassification; remaining actions.",
        summary=(
            "Demonstration classrooms and ILT improvement cycles are complete, bringing the "
            "district to 17 of 21 actions completed. The remaining work is secondary math "
            "discourse, middle school Tier 2 supports, math coaching and decision rights."
        ),
        attendees=(_PA_SUP, _PA_ASST, _PA_MLS, _PA_LEAD, _PA_CCEE, _PA_COE),
        swot_notes=(
            (_S, "The ELD routines from the rural schools are now district practice."),
            (_T, "One-time funds for the math coaches end in June 2027."),
        ),
        metrics=(
            ("English learners reclassified in 2025-26", Decimal("15.8"), "%"),
            ("Long-term English learners in grades 6-8", Decimal("22"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Extend check-in/check-out mentoring to the second middle school.",
                "Director of Student Services",
                date(2026, 11, 13),
            ),
            NextStepSpec(
                "Finalize the Educational Services decision matrix.",
                "Superintendent",
                date(2026, 10, 30),
                date(2026, 10, 28),
            ),
        ),
    ),
)

PIEDRA_AZUL = LeaSpec(
    name="Piedra Azul Unified School District",
    kind=LeaKind.DISTRICT,
    cds_code="1099101",
    county="Fresno",
    engagement=EngagementSpec(
        pathway=Pathway.CONTINUUM_OF_SUPPORT,
        mode=EngagementMode.COLLABORATIVE_FACILITATION,
        readiness=Readiness.WILLING_ABLE,
        started_on=date(2023, 10, 2),
    ),
    ccee_lead="samuel.okafor@demo.sir-tracker.example",
    sir=_PIEDRA_AZUL_SIR,
    meetings=_PA_MEETINGS,
    published=True,
)

# ---------------------------------------------------------------------------------------------
# (b) Riverlight Academy (Sacramento charter): no quarterly meeting in 2025-26 Q3.
# Meetings: 0 = 2025-09-23, 1 = 2025-12-09 (quarterly), 2 = 2026-02-10 (monthly coaching),
# 3 = 2026-05-12, 4 = 2026-09-22 (quarterly).
# ---------------------------------------------------------------------------------------------

_RA_ED = AttendeeSpec("Monique Ashford", "Executive Director", _LEA)
_RA_INTERIM = AttendeeSpec("Daniel Reyes-Ortiz", "Interim Executive Director", _LEA)
_RA_ACAD = AttendeeSpec("Keisha Long", "Director of Academics", _LEA)
_RA_BOARD = AttendeeSpec("Harold Nguyen", "Board Chair", _LEA)
_RA_LEAD = AttendeeSpec("Priya Raman", "CCEE Lead", _CCEE)
_RA_CCEE = AttendeeSpec("Tomás Beltrán", "CCEE Charter Support Specialist", _CCEE)
_RA_COE = AttendeeSpec(
    "Angela Frey", "Program Manager, Charter Schools, Sacramento County Office of Education", _COE
)

_RIVERLIGHT_SIR = SirSpec(
    title="Riverlight Academy Charter School Systemic Instructional Review",
    report_date=date(2025, 3, 21),
    state=SirState.FINAL,
    themes=(
        "Consistent core instruction",
        "Student belonging and engagement",
        "Organizational stability",
    ),
    findings=(
        FindingSpec(
            1,
            _W,
            "Repeated changes of leaders and teachers have left the school without shared "
            "instructional expectations.",
        ),
        FindingSpec(
            2,
            _W,
            "There is no adopted math curriculum for grades 6-8; teachers build their own "
            "materials.",
        ),
        FindingSpec(
            4,
            _S,
            "Students describe strong relationships with their advisory teachers.",
        ),
        FindingSpec(
            5,
            _W,
            "Diagnostic assessment data is collected three times a year but teachers do not "
            "review it.",
        ),
        FindingSpec(
            11,
            _T,
            "Teacher turnover close to 40% a year puts any new practice at risk.",
        ),
        FindingSpec(
            12,
            _O,
            "The charter board has asked for clearer instructional reporting before its renewal.",
        ),
    ),
    actions=(
        ActionSpec(
            code="1.1",
            component=1,
            text=(
                "Write a short statement of instructional expectations for every classroom and "
                "review it with all staff at the start of each year."
            ),
            responsible="Executive Director",
            theme=1,
            target_date=date(2025, 10, 31),
            steps=(
                _ip(0, "Draft expectations reviewed with staff at the August orientation."),
                _done(
                    3,
                    "Expectations finalized by the interim Executive Director and adopted by the "
                    "board in April.",
                    _EV + "riverlight/instructional-expectations.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="2.1",
            component=2,
            text="Adopt a standards-aligned math curriculum for grades 6-8.",
            responsible="Director of Academics",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(
                    0,
                    "Review committee formed to compare grade 6-8 math programs.",
                ),
            ),
        ),
        ActionSpec(
            code="2.2",
            component=2,
            text="Create ELA and math pacing calendars for every grade.",
            responsible="Director of Academics",
            theme=1,
            target_date=date(2026, 3, 31),
            steps=(_ip(1, "Pacing calendars drafted for grades K-3."),),
        ),
        ActionSpec(
            code="3.1",
            component=3,
            text=("Coach teachers in their first two years with weekly observation and feedback."),
            responsible="Director of Academics",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(3, "Weekly coaching started for five new teachers after spring break."),),
        ),
        ActionSpec(
            code="4.1",
            component=4,
            text=(
                "Hold a weekly advisory lesson on belonging and conflict resolution in grades 4-8."
            ),
            responsible="Dean of Students",
            theme=2,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(0, "Advisory lessons written for the first semester."),
                _done(4, "Weekly advisory lessons ran all of 2025-26 and continue this year."),
            ),
        ),
        ActionSpec(
            code="5.1",
            component=5,
            text=(
                "Schedule a data-review meeting for every grade-level team after each "
                "diagnostic window."
            ),
            responsible="Director of Academics",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(1, "First data reviews held after the fall diagnostic in grades 3-5."),
                _done(
                    4,
                    "Every grade-level team held data reviews after all three 2025-26 windows.",
                ),
            ),
        ),
        ActionSpec(
            code="6.1",
            component=6,
            text=(
                "Hold student-led family conferences each semester in which students share "
                "their goals and progress."
            ),
            responsible="Dean of Students",
            theme=2,
            target_date=date(2026, 6, 30),
        ),
        ActionSpec(
            code="7.1",
            component=7,
            text=("Form an instructional leadership team with a teacher from each grade band."),
            responsible="Executive Director",
            theme=3,
            target_date=date(2025, 12, 31),
            steps=(_ip(0, "Four teachers volunteered; the team meets monthly after school."),),
        ),
        ActionSpec(
            code="8.1",
            component=8,
            text=(
                "Provide leadership coaching for the Executive Director and the Director of "
                "Academics."
            ),
            responsible="Board Chair",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(3, "Coaching for the interim Executive Director began in April with CCEE."),
            ),
        ),
        ActionSpec(
            code="9.1",
            component=9,
            text=(
                "Build a professional learning calendar with protected weekly time for teachers."
            ),
            responsible="Director of Academics",
            theme=1,
            target_date=date(2026, 3, 31),
            steps=(_ip(1, "Wednesday early release approved for 2026-27; calendar in draft."),),
        ),
        ActionSpec(
            code="11.1",
            component=11,
            text=(
                "Develop a teacher retention plan with mentoring, a clearer salary schedule and "
                "exit interviews."
            ),
            responsible="Executive Director",
            theme=3,
            target_date=date(2026, 10, 31),
            steps=(_ip(4, "Exit interview results summarized; salary study commissioned."),),
        ),
        ActionSpec(
            code="12.1",
            component=12,
            text="Give the charter board a quarterly report on student outcomes and SIR progress.",
            responsible="Executive Director",
            theme=3,
            target_date=date(2026, 6, 30),
        ),
    ),
)

_RA_MEETINGS = (
    MeetingSpec(
        held_on=date(2025, 9, 23),
        kind=_Q,
        agenda="SIR actions for 2025-26; math curriculum; advisory program.",
        summary=(
            "First quarterly review of the SIR actions. The school started four actions, "
            "including a math curriculum review and an instructional leadership team, but "
            "leaders questioned whether they have the staff to take on more."
        ),
        attendees=(_RA_ED, _RA_ACAD, _RA_LEAD, _RA_COE),
        swot_notes=(
            (_S, "Advisory teachers know their students well."),
            (_W, "Only the Director of Academics is available to lead instructional work."),
        ),
        metrics=(("Teachers new to the school this year", Decimal("38"), "%"),),
        next_steps=(
            NextStepSpec(
                "Shortlist math programs for grades 6-8.",
                "Director of Academics",
                date(2025, 11, 14),
                date(2025, 11, 20),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2025, 12, 9),
        kind=_Q,
        agenda="Fall diagnostic data reviews; pacing calendars; staffing.",
        summary=(
            "Grade 3-5 teams held their first data reviews and pacing calendars were started. "
            "The Executive Director announced she will leave in January."
        ),
        attendees=(_RA_ED, _RA_ACAD, _RA_BOARD, _RA_LEAD, _RA_CCEE, _RA_COE),
        swot_notes=(
            (_W, "Data reviews reach only grades 3-5 so far."),
            (_T, "The Executive Director's departure in January may stall the SIR work."),
        ),
        metrics=(("Students completing the fall diagnostic", Decimal("88"), "%"),),
        next_steps=(
            NextStepSpec(
                "Appoint an interim Executive Director.",
                "Board Chair",
                date(2026, 1, 15),
                date(2026, 1, 12),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 2, 10),
        kind=MeetingKind.MONTHLY_COACHING,
        agenda="Coaching for the interim Executive Director and the Director of Academics.",
        summary=(
            "Coaching session during the leadership transition; the winter quarterly review "
            "was postponed and not rescheduled within the quarter. The session covered the math "
            "pilot and how to keep data reviews going."
        ),
        attendees=(_RA_INTERIM, _RA_ACAD, _RA_LEAD),
        next_steps=(
            NextStepSpec(
                "Schedule the spring quarterly review.",
                "Interim Executive Director",
                date(2026, 3, 13),
                date(2026, 3, 20),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 5, 12),
        kind=_Q,
        agenda="Status after the leadership transition; missed winter review; 2026-27 plans.",
        summary=(
            "First quarterly review since December; the winter quarter was missed during the "
            "leadership transition. The instructional expectations are adopted, and coaching "
            "started for new teachers and the interim Executive Director."
        ),
        attendees=(_RA_INTERIM, _RA_ACAD, _RA_BOARD, _RA_LEAD, _RA_CCEE, _RA_COE),
        swot_notes=(
            (_W, "No quarterly review was held in January-March 2026."),
            (_O, "The interim Executive Director wants to use the SIR for the renewal petition."),
            (_T, "The math curriculum pilot was delayed by the transition."),
        ),
        metrics=(("Students completing the winter diagnostic", Decimal("81"), "%"),),
        next_steps=(
            NextStepSpec(
                "Run data reviews for every grade after the spring diagnostic.",
                "Director of Academics",
                date(2026, 6, 5),
                date(2026, 6, 3),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 9, 22),
        kind=_Q,
        agenda="End-of-year results; teacher retention; math adoption.",
        summary=(
            "Advisory lessons and data reviews are now routine, bringing the school to three "
            "completed actions. Teacher retention work started, but the math curriculum is still "
            "not adopted."
        ),
        attendees=(_RA_INTERIM, _RA_ACAD, _RA_LEAD, _RA_COE),
        swot_notes=(
            (_S, "Every grade-level team held data reviews after each 2025-26 window."),
            (_W, "Grades 6-8 begin a second year without an adopted math curriculum."),
        ),
        metrics=(
            ("Teachers returning from 2025-26", Decimal("64"), "%"),
            ("Students completing the spring diagnostic", Decimal("90"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Bring a math curriculum recommendation to the board.",
                "Director of Academics",
                date(2026, 11, 18),
                date(2026, 11, 18),
            ),
            NextStepSpec(
                "Start the first quarterly SIR report to the board.",
                "Interim Executive Director",
                date(2026, 11, 20),
            ),
        ),
    ),
)

RIVERLIGHT = LeaSpec(
    name="Riverlight Academy Charter School",
    kind=LeaKind.CHARTER_SCHOOL,
    cds_code="34991033400001",
    county="Sacramento",
    engagement=EngagementSpec(
        pathway=Pathway.CHARTER_2,
        mode=EngagementMode.COLLABORATIVE_PLANNING,
        readiness=Readiness.UNWILLING_UNABLE,
        started_on=date(2024, 11, 4),
    ),
    ccee_lead="priya.raman@demo.sir-tracker.example",
    sir=_RIVERLIGHT_SIR,
    meetings=_RA_MEETINGS,
)

# ---------------------------------------------------------------------------------------------
# (c) Mirador County Office of Education (Alameda), acting as an LEA for its court, community
# and special education programs. Meetings: 0 = 2026-04-21, 1 = 2026-09-15, both quarterly.
# ---------------------------------------------------------------------------------------------

_MI_ASSOC = AttendeeSpec("Dr. Colleen Marsh", "Associate Superintendent, Student Programs", _LEA)
_MI_ALT = AttendeeSpec("Julian Tafoya", "Director of Alternative Education", _LEA)
_MI_SPED = AttendeeSpec("Sunita Reddy", "Director of Special Education Programs", _LEA)
_MI_LEAD = AttendeeSpec("Alicia Montoya", "CCEE Lead", _CCEE)
_MI_CCEE = AttendeeSpec("Beatriz Olmos", "CCEE Professional Expert, Alternative Education", _CCEE)
_MI_GEO = AttendeeSpec("Martin Holloway", "Liaison, Region 4 Geographic Lead Agency", _GEO)

_MIRADOR_SIR = SirSpec(
    title="Mirador County Office of Education Systemic Instructional Review",
    report_date=date(2025, 10, 30),
    state=SirState.FINAL,
    themes=(
        "Court and community school instruction",
        "Special education programs",
        "Transitions and reengagement",
    ),
    findings=(
        FindingSpec(
            2,
            _W,
            "Court and community schools use different curricula, so students who move "
            "between programs lose credits and continuity.",
        ),
        FindingSpec(
            3,
            _S,
            "Small classes and experienced teachers in the community schools allow highly "
            "individual instruction.",
        ),
        FindingSpec(
            4,
            _O,
            "A partnership with county behavioral health could bring counselors on site to "
            "every program.",
        ),
        FindingSpec(
            5,
            _W,
            "Reading levels and credits earned are not tracked the same way across programs.",
        ),
        FindingSpec(
            11,
            _T,
            "Enrollment can swing by 30% during the year, which makes staffing and planning "
            "difficult.",
        ),
    ),
    actions=(
        ActionSpec(
            code="2.1",
            component=2,
            text=(
                "Adopt one standards-aligned core curriculum for ELA and math across the court "
                "and community schools."
            ),
            responsible="Director of Alternative Education",
            theme=1,
            target_date=date(2026, 8, 31),
            steps=(_ip(0, "Curriculum comparison finished; teachers piloting two ELA programs."),),
        ),
        ActionSpec(
            code="2.2",
            component=2,
            text=(
                "Publish a credit-recovery course catalog that the county's districts agree to "
                "accept."
            ),
            responsible="Director of Alternative Education",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(
                _ip(0, "Draft catalog sent to district counseling directors for comment."),
                _done(
                    1,
                    "Catalog accepted by all 14 districts in the county and published in August.",
                    _EV + "mirador/credit-recovery-catalog.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="3.1",
            component=3,
            text=(
                "Provide specialized academic instruction for students with IEPs in the court "
                "school through co-teaching with a special education teacher."
            ),
            responsible="Director of Special Education Programs",
            theme=2,
            target_date=date(2026, 10, 31),
        ),
        ActionSpec(
            code="4.1",
            component=4,
            text=(
                "Place a county behavioral health clinician at each community school at least "
                "one day a week."
            ),
            responsible="Director of Student Services",
            theme=3,
            target_date=date(2026, 10, 31),
            steps=(_ip(1, "Agreement signed; clinicians at two of four schools since August."),),
        ),
        ActionSpec(
            code="5.1",
            component=5,
            text="Give every student reading and math placement assessments at entry and exit.",
            responsible="Coordinator of Assessment",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(0, "Entry assessments in use at the court school; exit testing planned."),),
        ),
        ActionSpec(
            code="5.2",
            component=5,
            text="Report credits earned and reading growth by program every quarter.",
            responsible="Coordinator of Assessment",
            theme=3,
        ),
        ActionSpec(
            code="6.1",
            component=6,
            text=(
                "Hold a transition meeting with the family and the receiving district before "
                "every student leaves a county program."
            ),
            responsible="Transition Counselors",
            theme=3,
            target_date=date(2026, 10, 31),
            steps=(_ip(1, "Transition meeting template in use for court school exits."),),
        ),
        ActionSpec(
            code="9.1",
            component=9,
            text=(
                "Start a professional learning community for special education teachers in "
                "county-operated programs."
            ),
            responsible="Director of Special Education Programs",
            theme=2,
        ),
        ActionSpec(
            code="10.1",
            component=10,
            text=(
                "Send student records to the receiving district within five school days of a "
                "student leaving a county program."
            ),
            responsible="Coordinator of Student Information",
            theme=3,
            target_date=date(2026, 6, 30),
            steps=(_ip(0, "Records request log started to measure current transfer times."),),
        ),
        ActionSpec(
            code="11.1",
            component=11,
            text="Design a staffing model that can adjust to mid-year enrollment swings.",
            responsible="Associate Superintendent, Student Programs",
        ),
    ),
)

_MI_MEETINGS = (
    MeetingSpec(
        held_on=date(2026, 4, 21),
        kind=_Q,
        agenda="Contract scope; SIR actions for spring 2026; curriculum pilot.",
        summary=(
            "First progress-monitoring meeting under the fee-for-service agreement. Four actions "
            "are under way, led by the curriculum comparison and the credit-recovery catalog."
        ),
        attendees=(_MI_ASSOC, _MI_ALT, _MI_SPED, _MI_LEAD, _MI_CCEE),
        swot_notes=(
            (_S, "Program leaders agree that a shared curriculum is the first priority."),
            (_T, "Spring enrollment at the court school doubled in six weeks."),
        ),
        metrics=(("Students enrolled across county programs", Decimal("412"), "students"),),
        next_steps=(
            NextStepSpec(
                "Collect district feedback on the credit-recovery catalog.",
                "Director of Alternative Education",
                date(2026, 5, 29),
                date(2026, 5, 27),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2026, 9, 15),
        kind=_Q,
        agenda="Credit-recovery catalog; behavioral health; transitions.",
        summary=(
            "All districts in the county accepted the credit-recovery catalog, completing the "
            "first action. Behavioral health clinicians and transition meetings began this "
            "fall."
        ),
        attendees=(_MI_ASSOC, _MI_ALT, _MI_LEAD, _MI_CCEE, _MI_GEO),
        swot_notes=(
            (_S, "Every district in the county now accepts county credit-recovery courses."),
            (_W, "Special education actions have not started for lack of staff."),
        ),
        metrics=(
            ("Records sent within five school days of exit", Decimal("58"), "%"),
            ("Community schools with an on-site clinician (of 4)", Decimal("2"), "schools"),
        ),
        next_steps=(
            NextStepSpec(
                "Recommend one ELA program for all court and community schools.",
                "Director of Alternative Education",
                date(2026, 11, 6),
                date(2026, 11, 5),
            ),
            NextStepSpec(
                "Name a lead for the special education professional learning community.",
                "Director of Special Education Programs",
                date(2026, 11, 20),
            ),
        ),
    ),
)

MIRADOR_COE = LeaSpec(
    name="Mirador County Office of Education",
    kind=LeaKind.COUNTY_OFFICE,
    cds_code="0199104",
    county="Alameda",
    engagement=EngagementSpec(
        pathway=Pathway.FEE_FOR_SERVICE,
        mode=EngagementMode.COLLABORATIVE_PLANNING,
        readiness=Readiness.WILLING_ABLE,
        started_on=date(2025, 6, 2),
    ),
    ccee_lead="alicia.montoya@demo.sir-tracker.example",
    sir=_MIRADOR_SIR,
    meetings=_MI_MEETINGS,
)

# ---------------------------------------------------------------------------------------------
# (d) Mesa Linda Unified (Kern): SPI referral, a plateau. Completed count stays at 8 from
# 2025-09 onward while most actions stay in progress.
# Meetings: 0 = 2023-04-18 ... 12 = 2026-06-09, all quarterly.
# ---------------------------------------------------------------------------------------------

_ML_SUP = AttendeeSpec("Dr. Wesley Harlan", "Superintendent", _LEA)
_ML_SUP2 = AttendeeSpec("Patricia Okonkwo", "Superintendent", _LEA)
_ML_ASST = AttendeeSpec("Gloria Esparza", "Assistant Superintendent, Instruction", _LEA)
_ML_CUR = AttendeeSpec("Brent Castellano", "Director of Curriculum", _LEA)
_ML_SS = AttendeeSpec("Irene Matagi", "Director of Student Services", _LEA)
_ML_LEAD = AttendeeSpec("Samuel Okafor", "CCEE Lead", _CCEE)
_ML_CCEE = AttendeeSpec("Lydia Ferreira", "CCEE Professional Expert, Literacy", _CCEE)
_ML_COE = AttendeeSpec(
    "Roberto Quintana",
    "Administrator, System of Support, Kern County Superintendent of Schools",
    _COE,
)
_ML_GEO = AttendeeSpec("Kathleen Moss", "Liaison, Region 8 Geographic Lead Agency", _GEO)
_ML_EV = _EV + "mesa-linda/"

_MESA_LINDA_SIR = SirSpec(
    title="Mesa Linda Unified School District Systemic Instructional Review",
    report_date=date(2023, 2, 24),
    state=SirState.FINAL,
    themes=(
        "Instructional leadership",
        "Tier 1 literacy and mathematics",
        "Systems of accountability",
        "School climate and attendance",
    ),
    findings=(
        FindingSpec(
            1,
            _W,
            "The district has launched many initiatives in five years, none sustained long "
            "enough to show results.",
        ),
        FindingSpec(
            2,
            _W,
            "Foundational reading skills are not taught systematically in TK-3.",
        ),
        FindingSpec(
            3,
            _S,
            "Teachers at several schools are skilled at building relationships with students.",
        ),
        FindingSpec(
            4,
            _T,
            "Chronic absenteeism above 30% at four schools limits any instructional gain.",
        ),
        FindingSpec(
            5,
            _W,
            "There is no common screener or benchmark assessment, so schools cannot compare "
            "progress.",
        ),
        FindingSpec(
            8,
            _W,
            "Principals spend little time in classrooms and receive no coaching.",
        ),
        FindingSpec(
            11,
            _T,
            "Turnover in the superintendent's office and cabinet has interrupted every major plan.",
        ),
        FindingSpec(
            12,
            _O,
            "New board members have asked for regular reports on student achievement.",
        ),
    ),
    actions=(
        ActionSpec(
            code="1.1",
            component=1,
            text=(
                "Adopt a three-year instructional focus (foundational literacy in TK-5, math "
                "reasoning in 6-12) and retire competing initiatives."
            ),
            responsible="Superintendent",
            theme=2,
            target_date=date(2023, 12, 31),
            steps=(
                _ip(0, "Cabinet drafted the focus; an initiative inventory is under way."),
                _done(
                    2,
                    "Board adopted the instructional focus on 2023-11-15; three initiatives "
                    "retired.",
                    _ML_EV + "instructional-focus.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="1.2",
            component=1,
            text=(
                "Hold a cabinet review of SIR progress each semester, with each action owner "
                "presenting evidence."
            ),
            responsible="Superintendent",
            theme=3,
            target_date=date(2025, 6, 30),
            steps=(_ip(5, "Semester cabinet reviews scheduled; owners asked to bring evidence."),),
        ),
        ActionSpec(
            code="2.1",
            component=2,
            text=(
                "Adopt a structured foundational literacy program for grades TK-3 with "
                "decodable texts."
            ),
            responsible="Director of Curriculum",
            theme=2,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(0, "Program review committee formed with TK-3 teachers."),
                _done(3, "Program adopted in February 2024; materials ordered for all schools."),
            ),
        ),
        ActionSpec(
            code="2.2",
            component=2,
            text="Write unit plans with common assessments for grades 6-8 mathematics.",
            responsible="Director of Curriculum",
            theme=2,
            target_date=date(2024, 12, 31),
            steps=(_ip(2, "Grade 6 units drafted; grade 7-8 teams have not met."),),
        ),
        ActionSpec(
            code="2.3",
            component=2,
            text=(
                "Review high school math course sequences so that more students complete "
                "Algebra I by grade 9."
            ),
            responsible="Director of Secondary Education",
            theme=2,
            target_date=date(2025, 8, 31),
            steps=(_ip(6, "Course-taking data pulled for the last three cohorts."),),
        ),
        ActionSpec(
            code="3.1",
            component=3,
            text="Define and model a gradual-release lesson structure expected in all classrooms.",
            responsible="Director of Curriculum",
            theme=2,
            target_date=date(2024, 6, 30),
            steps=(_ip(0, "Lesson structure drafted; modeling starts at two pilot schools."),),
        ),
        ActionSpec(
            code="3.2",
            component=3,
            text=(
                "Provide daily small-group reading intervention in grades 1-3 for students "
                "below benchmark."
            ),
            responsible="Principals",
            theme=2,
            target_date=date(2024, 12, 31),
            steps=(
                _ip(1, "Intervention blocks scheduled at five of nine elementary schools."),
                _done(6, "Daily intervention blocks in place at all nine elementary schools."),
            ),
        ),
        ActionSpec(
            code="3.3",
            component=3,
            text="Run instructional rounds at every school twice a year, with teacher feedback.",
            responsible="Assistant Superintendent, Instruction",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(8, "First rounds held at three schools in May."),),
        ),
        ActionSpec(
            code="4.1",
            component=4,
            text=(
                "Carry out an attendance recovery plan with home visits and incentives for "
                "chronically absent students."
            ),
            responsible="Director of Student Services",
            theme=4,
            target_date=date(2024, 6, 30),
            steps=(_ip(1, "Home visit teams formed at the four highest-absence schools."),),
        ),
        ActionSpec(
            code="4.2",
            component=4,
            text=(
                "Train staff at every school in restorative practices and hold restorative "
                "circles in grades 6-12."
            ),
            responsible="Director of Student Services",
            theme=4,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(2, "Restorative practices training started with the middle schools."),
                _done(7, "All schools trained; circles held weekly in grades 6-12."),
            ),
        ),
        ActionSpec(
            code="5.1",
            component=5,
            text=(
                "Adopt a universal screener and benchmark assessments, with a district "
                "assessment calendar."
            ),
            responsible="Director of Assessment",
            theme=3,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(0, "Screener options presented to cabinet."),
                _done(
                    5,
                    "Screener and benchmarks given on the district calendar since August 2024.",
                    _ML_EV + "assessment-calendar-2024-25.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="5.2",
            component=5,
            text=(
                "Set school targets for ELA, math and attendance and review them with "
                "principals each quarter."
            ),
            responsible="Assistant Superintendent, Instruction",
            theme=3,
            target_date=date(2024, 12, 31),
            steps=(_ip(3, "Draft targets shared; principals asked for a year of baseline data."),),
        ),
        ActionSpec(
            code="5.3",
            component=5,
            text="Publish a data-review protocol for teacher teams to use after each benchmark.",
            responsible="Director of Assessment",
            theme=3,
            target_date=date(2025, 12, 31),
            steps=(_ip(9, "Protocol drafted; teachers' association asked to review it first."),),
        ),
        ActionSpec(
            code="6.1",
            component=6,
            text=(
                "Create a family advisory group at each school that reviews school data every "
                "semester."
            ),
            responsible="Principals",
            theme=4,
            target_date=date(2025, 6, 30),
            steps=(_ip(4, "Advisory groups formed at three schools."),),
        ),
        ActionSpec(
            code="6.2",
            component=6,
            text=(
                "Send families a plain-language report on their child's reading level three "
                "times a year."
            ),
            responsible="Director of Assessment",
            theme=4,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(3, "Family report designed in English and Spanish."),
                _done(8, "Reports sent after all three 2024-25 screening windows."),
            ),
        ),
        ActionSpec(
            code="7.1",
            component=7,
            text=(
                "Form instructional leadership teams at every school with a clear charter and "
                "monthly meetings."
            ),
            responsible="Principals",
            theme=1,
            target_date=date(2023, 12, 31),
            steps=(_ip(0, "ILTs exist at four schools; charters not yet written."),),
        ),
        ActionSpec(
            code="7.2",
            component=7,
            text="Train ILTs to lead cycles of inquiry on their school's literacy or math goal.",
            responsible="Assistant Superintendent, Instruction",
            theme=1,
            target_date=date(2025, 6, 30),
            steps=(_ip(5, "First ILT training held; attendance was half of the teams."),),
        ),
        ActionSpec(
            code="8.1",
            component=8,
            text="Assign each principal a leadership coach for the first two years of the work.",
            responsible="Superintendent",
            theme=1,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(1, "Coaches from the county office matched with six principals."),
                _done(4, "Every principal has a coach and meets at least twice a month."),
            ),
        ),
        ActionSpec(
            code="8.2",
            component=8,
            text="Include instructional leadership goals and evidence in principal evaluations.",
            responsible="Superintendent",
            theme=3,
            target_date=date(2025, 8, 31),
            steps=(_ip(7, "Evaluation changes proposed; under negotiation with administrators."),),
        ),
        ActionSpec(
            code="9.1",
            component=9,
            text=(
                "Train all TK-3 teachers and aides in foundational literacy, including phonics "
                "and phonemic awareness."
            ),
            responsible="Director of Curriculum",
            theme=2,
            target_date=date(2024, 6, 30),
            steps=(_ip(1, "First training cohort of 40 teachers started in September."),),
        ),
        ActionSpec(
            code="9.2",
            component=9,
            text=(
                "Build an instructional coaching program with coaches assigned to the "
                "lowest-performing schools."
            ),
            responsible="Director of Curriculum",
            theme=1,
            target_date=date(2024, 12, 31),
            steps=(_ip(3, "Two of five coach positions filled."),),
        ),
        ActionSpec(
            code="10.1",
            component=10,
            text=(
                "Correct attendance coding and train office staff so chronic absence data is "
                "accurate every month."
            ),
            responsible="Director of Technology",
            theme=4,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(4, "Attendance codes audited; errors found at six schools."),
                _done(9, "Monthly attendance audits show under 2% coding errors."),
            ),
        ),
        ActionSpec(
            code="11.1",
            component=11,
            text=(
                "Clarify decision-making between cabinet and school leaders and publish a "
                "decision matrix."
            ),
            responsible="Superintendent",
            theme=1,
            target_date=date(2025, 6, 30),
            steps=(_ip(4, "Decision matrix drafted; on hold during the superintendent search."),),
        ),
        ActionSpec(
            code="11.2",
            component=11,
            text=(
                "Create a retention plan for teachers at hard-to-staff schools, with mentoring "
                "and housing stipends."
            ),
            responsible="Assistant Superintendent, Human Resources",
            theme=1,
            target_date=date(2026, 6, 30),
            steps=(_ip(11, "Housing stipend proposal sent to the board's finance committee."),),
        ),
        ActionSpec(
            code="12.1",
            component=12,
            text=(
                "Hold board study sessions on literacy and math results twice a year and adopt "
                "board goals tied to them."
            ),
            responsible="Board of Trustees",
            theme=3,
            target_date=date(2024, 12, 31),
            steps=(_ip(2, "First study session held; board goals postponed."),),
        ),
    ),
)


def _ml_meeting(
    held_on: date,
    summary: str,
    attendees: tuple[AttendeeSpec, ...],
    swot_notes: tuple[tuple[SwotCategory, str], ...],
    metrics: tuple[tuple[str, Decimal, str], ...],
    next_steps: tuple[NextStepSpec, ...],
) -> MeetingSpec:
    return MeetingSpec(
        held_on=held_on,
        kind=_Q,
        agenda="Quarterly progress monitoring of the SIR actions.",
        summary=summary,
        attendees=attendees,
        swot_notes=swot_notes,
        metrics=metrics,
        next_steps=next_steps,
    )


_ML_MEETINGS = (
    _ml_meeting(
        date(2023, 4, 18),
        "First quarterly review after the SIR, requested by the State Superintendent's office. "
        "Cabinet accepted the report but asked to phase the work; five actions began.",
        (_ML_SUP, _ML_ASST, _ML_LEAD, _ML_CCEE, _ML_COE, _ML_GEO),
        (
            (_W, "Cabinet members disagree on which findings to address first."),
            (_O, "The county office offers principal coaches at no cost."),
        ),
        (("Chronic absenteeism, 2021-22", Decimal("34"), "%"),),
        (
            NextStepSpec(
                "Draft the three-year instructional focus.",
                "Superintendent",
                date(2023, 6, 30),
                date(2023, 6, 28),
            ),
        ),
    ),
    _ml_meeting(
        date(2023, 9, 19),
        "Principal coaching, foundational literacy training, attendance recovery and "
        "small-group intervention started. No action is complete yet.",
        (_ML_SUP, _ML_ASST, _ML_SS, _ML_LEAD, _ML_COE),
        (
            (_S, "Forty TK-3 teachers volunteered for the first literacy cohort."),
            (_W, "Only four schools have an instructional leadership team."),
        ),
        (("TK-3 teachers in foundational literacy training", Decimal("38"), "%"),),
        (
            NextStepSpec(
                "Take the instructional focus to the board.",
                "Superintendent",
                date(2023, 11, 30),
                date(2023, 11, 15),
            ),
        ),
    ),
    _ml_meeting(
        date(2023, 12, 12),
        "The board adopted the three-year instructional focus, the first completed action. "
        "Math unit planning, restorative practices and board study sessions began.",
        (_ML_SUP, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_CCEE, _ML_COE),
        (
            (_S, "Three competing initiatives were retired."),
            (_W, "Grade 7-8 math teams have not met to write units."),
        ),
        (("Chronic absenteeism, 2022-23", Decimal("31"), "%"),),
        (
            NextStepSpec(
                "Recommend a foundational literacy program.",
                "Director of Curriculum",
                date(2024, 2, 16),
                date(2024, 2, 14),
            ),
        ),
    ),
    _ml_meeting(
        date(2024, 3, 12),
        "A foundational literacy program was adopted for TK-3. School targets, coaching and "
        "family reading reports started, though principals questioned the targets.",
        (_ML_SUP, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_COE, _ML_GEO),
        (
            (_S, "TK-3 teachers are positive about the new literacy program."),
            (_T, "Three of five coach positions are still unfilled."),
        ),
        (("Instructional coach positions filled (of 5)", Decimal("2"), "coaches"),),
        (
            NextStepSpec(
                "Post the remaining coach positions county-wide.",
                "Director of Curriculum",
                date(2024, 4, 30),
                date(2024, 4, 22),
            ),
        ),
    ),
    _ml_meeting(
        date(2024, 6, 11),
        "Every principal now has a leadership coach. The superintendent announced his "
        "retirement; the decision matrix was put on hold during the search.",
        (_ML_SUP, _ML_ASST, _ML_SS, _ML_LEAD, _ML_CCEE, _ML_COE),
        (
            (_S, "Principals report value in twice-monthly coaching."),
            (_T, "A superintendent search will slow decisions over the summer."),
        ),
        (("Students below benchmark in grades 1-3 (spring)", Decimal("58"), "%"),),
        (
            NextStepSpec(
                "Brief the incoming superintendent on the SIR actions.",
                "CCEE Lead",
                date(2024, 8, 30),
                date(2024, 8, 20),
            ),
        ),
    ),
    _ml_meeting(
        date(2024, 9, 17),
        "The new superintendent started in August. The screener and benchmark calendar are in "
        "place, and semester cabinet reviews and ILT training began.",
        (_ML_SUP2, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_COE),
        (
            (_S, "All schools gave the fall screener on the district calendar."),
            (_W, "Half of the ILTs missed the first training."),
        ),
        (("Students screened in the fall window", Decimal("93"), "%"),),
        (
            NextStepSpec(
                "Hold the first semester cabinet review of SIR actions.",
                "Superintendent",
                date(2024, 11, 15),
                date(2024, 11, 13),
            ),
        ),
    ),
    _ml_meeting(
        date(2024, 12, 10),
        "Small-group reading intervention now runs daily at every elementary school. Cabinet "
        "reviews show many actions without evidence of progress.",
        (_ML_SUP2, _ML_ASST, _ML_SS, _ML_LEAD, _ML_CCEE, _ML_COE),
        (
            (_S, "Daily reading intervention reaches all nine elementary schools."),
            (_W, "Action owners often report activity rather than evidence."),
        ),
        (("Chronic absenteeism, 2023-24", Decimal("29"), "%"),),
        (
            NextStepSpec(
                "Require evidence for every action in the cabinet review.",
                "Superintendent",
                date(2025, 2, 28),
                date(2025, 3, 3),
            ),
        ),
    ),
    _ml_meeting(
        date(2025, 3, 11),
        "Restorative practices training reached every school. Principal evaluation changes "
        "were proposed but met resistance from the administrators' association.",
        (_ML_SUP2, _ML_ASST, _ML_SS, _ML_LEAD, _ML_COE, _ML_GEO),
        (
            (_S, "Suspensions in grades 6-8 fell after restorative circles started."),
            (_T, "Negotiations over principal evaluations may take a year."),
        ),
        (("Suspension rate, grades 6-8 (first semester)", Decimal("6.1"), "%"),),
        (
            NextStepSpec(
                "Schedule instructional rounds for spring.",
                "Assistant Superintendent, Instruction",
                date(2025, 5, 16),
                date(2025, 5, 9),
            ),
        ),
    ),
    _ml_meeting(
        date(2025, 6, 10),
        "Families now receive a plain-language reading report three times a year. "
        "Instructional rounds started at three schools.",
        (_ML_SUP2, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_CCEE, _ML_COE),
        (
            (_S, "Families welcomed the reading reports in English and Spanish."),
            (_W, "Grade 6-8 math units are still incomplete after two years."),
        ),
        (("Students below benchmark in grades 1-3 (spring)", Decimal("51"), "%"),),
        (
            NextStepSpec(
                "Finish grade 7-8 math units over the summer.",
                "Director of Curriculum",
                date(2025, 8, 8),
                date(2025, 9, 12),
            ),
        ),
    ),
    _ml_meeting(
        date(2025, 9, 16),
        "Attendance data is now accurate month to month, bringing the district to eight "
        "completed actions. Sixteen actions remain in progress, several for more than two "
        "years.",
        (_ML_SUP2, _ML_ASST, _ML_SS, _ML_LEAD, _ML_COE),
        (
            (_S, "Monthly attendance audits show under 2% coding errors."),
            (_T, "Many actions have been in progress for more than six quarters."),
        ),
        (("Chronic absenteeism, 2024-25", Decimal("27"), "%"),),
        (
            NextStepSpec(
                "Choose three in-progress actions to finish this year.",
                "Superintendent",
                date(2025, 10, 31),
                date(2025, 11, 7),
            ),
        ),
    ),
    _ml_meeting(
        date(2025, 12, 9),
        "No action was completed this quarter. Cabinet named three priority actions to finish "
        "(math units, school targets, ILT charters), but owners report competing demands.",
        (_ML_SUP2, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_CCEE, _ML_COE),
        (
            (_W, "Priority actions lack interim deadlines."),
            (_T, "The plateau continues: no action was completed this quarter."),
        ),
        (("Students screened in the fall window", Decimal("91"), "%"),),
        (
            NextStepSpec(
                "Set monthly milestones for the three priority actions.",
                "Assistant Superintendent, Instruction",
                date(2026, 1, 16),
                date(2026, 1, 23),
            ),
        ),
    ),
    _ml_meeting(
        date(2026, 3, 10),
        "Again no completions; the teacher retention plan started, so every action is now "
        "under way. CCEE and the county office raised the plateau with the board president.",
        (_ML_SUP2, _ML_ASST, _ML_LEAD, _ML_CCEE, _ML_COE, _ML_GEO),
        (
            (_W, "Seventeen actions are in progress, eight of them for two years or more."),
            (_T, "Actions are plateauing in progress and the board has not set goals."),
            (_O, "The board president agreed to a study session on the SIR in April."),
        ),
        (("Actions in progress for eight quarters or more", Decimal("8"), "actions"),),
        (
            NextStepSpec(
                "Hold a board study session on SIR progress.",
                "Board of Trustees",
                date(2026, 4, 30),
                date(2026, 4, 22),
            ),
        ),
    ),
    _ml_meeting(
        date(2026, 6, 9),
        "Third quarter in a row without a completed action: 8 completed, 17 in progress. The "
        "board study session produced interest but no decisions; CCEE recommended narrowing "
        "the plan for 2026-27.",
        (_ML_SUP2, _ML_ASST, _ML_CUR, _ML_LEAD, _ML_COE),
        (
            (_T, "The completed count has not moved since September 2025."),
            (_W, "Owners of in-progress actions change with each reorganization."),
            (_O, "A narrower 2026-27 plan could concentrate effort on a few actions."),
        ),
        (
            ("Students below benchmark in grades 1-3 (spring)", Decimal("49"), "%"),
            ("Chronic absenteeism, 2025-26 (year to date)", Decimal("26"), "%"),
        ),
        (
            NextStepSpec(
                "Agree on a narrowed set of actions for 2026-27.",
                "Superintendent",
                date(2026, 8, 28),
                date(2026, 9, 4),
            ),
        ),
    ),
)

MESA_LINDA = LeaSpec(
    name="Mesa Linda Unified School District",
    kind=LeaKind.DISTRICT,
    cds_code="1599102",
    county="Kern",
    engagement=EngagementSpec(
        pathway=Pathway.SPI_REFERRAL,
        mode=EngagementMode.EMBEDDED_PARTNERSHIP,
        readiness=Readiness.UNWILLING_ABLE,
        started_on=date(2022, 8, 15),
    ),
    ccee_lead="samuel.okafor@demo.sir-tracker.example",
    sir=_MESA_LINDA_SIR,
    meetings=_ML_MEETINGS,
)

# ---------------------------------------------------------------------------------------------
# (e) Juniper Crest Unified (San Bernardino): exited 2025-06-30 with 14 of 15 actions completed.
# Meetings: 0 = 2022-03-15 ... 13 = 2025-06-10, all quarterly.
# ---------------------------------------------------------------------------------------------

_JC_SUP = AttendeeSpec("Dr. Andrea Whitcomb", "Superintendent", _LEA)
_JC_ASST = AttendeeSpec("Luis Carvajal", "Assistant Superintendent, Educational Services", _LEA)
_JC_EL = AttendeeSpec("Naomi Tran", "Coordinator, English Learner Programs", _LEA)
_JC_SPED = AttendeeSpec("Greg Albright", "Director of Special Education", _LEA)
_JC_LEAD = AttendeeSpec("Priya Raman", "CCEE Lead", _CCEE)
_JC_CCEE = AttendeeSpec("Marcus Oyelaran", "CCEE Professional Expert, Leadership", _CCEE)
_JC_COE = AttendeeSpec(
    "Sharon Delacroix",
    "Director, Differentiated Assistance, San Bernardino County Superintendent of Schools",
    _COE,
)
_JC_GEO = AttendeeSpec("Felipe Navarro", "Liaison, Region 10 Geographic Lead Agency", _GEO)
_JC_ALL = (_JC_SUP, _JC_ASST, _JC_LEAD, _JC_COE)
_JC_EV = _EV + "juniper-crest/"

_JUNIPER_CREST_SIR = SirSpec(
    title="Juniper Crest Unified School District Systemic Instructional Review",
    report_date=date(2022, 1, 28),
    state=SirState.FINAL,
    themes=(
        "Aligned instructional system",
        "Equity for English learners and students with disabilities",
        "Leadership and collaboration",
    ),
    findings=(
        FindingSpec(
            1,
            _S,
            "The superintendent and board share a clear commitment to improving outcomes for "
            "English learners and students with disabilities.",
        ),
        FindingSpec(
            2,
            _W,
            "Pacing and assessments differ across the district's eleven schools.",
        ),
        FindingSpec(
            3,
            _W,
            "Students with disabilities in grades 6-8 are mostly taught in separate classes "
            "with little access to grade-level content.",
        ),
        FindingSpec(
            4,
            _W,
            "Behavior expectations vary by school, and suspensions of students with "
            "disabilities are high.",
        ),
        FindingSpec(
            6,
            _O,
            "Parents of English learners are eager for workshops on how to support their children.",
        ),
        FindingSpec(
            7,
            _S,
            "ILTs are established at every school and meet regularly.",
        ),
        FindingSpec(
            11,
            _T,
            "Several long-serving leaders are due to retire within three years.",
        ),
    ),
    actions=(
        ActionSpec(
            code="1.1",
            component=1,
            text="Adopt a graduate profile and instructional priorities aligned to it.",
            responsible="Superintendent",
            theme=1,
            target_date=date(2022, 12, 31),
            steps=(
                _ip(0, "Community forums on the graduate profile scheduled for April."),
                _done(
                    2,
                    "Graduate profile adopted by the board on 2022-08-24.",
                    _JC_EV + "graduate-profile.pdf",
                ),
            ),
        ),
        ActionSpec(
            code="2.1",
            component=2,
            text="Adopt pacing guides and common formative assessments in ELA and math, K-8.",
            responsible="Assistant Superintendent, Educational Services",
            theme=1,
            target_date=date(2022, 12, 31),
            steps=(
                _ip(0, "Teacher teams drafting pacing guides for K-5."),
                _done(3, "Pacing guides and common assessments in use in every K-8 classroom."),
            ),
        ),
        ActionSpec(
            code="2.2",
            component=2,
            text=(
                "Strengthen designated ELD with a common curriculum and 30 daily minutes in "
                "grades K-5."
            ),
            responsible="Coordinator, English Learner Programs",
            theme=2,
            target_date=date(2023, 6, 30),
            steps=(
                _ip(1, "ELD curriculum piloted at three schools."),
                _done(
                    6, "Common ELD curriculum and daily 30-minute block at all elementary schools."
                ),
            ),
        ),
        ActionSpec(
            code="3.1",
            component=3,
            text=(
                "Introduce co-teaching in grade 6-8 ELA and math classes that include students "
                "with disabilities."
            ),
            responsible="Director of Special Education",
            theme=2,
            target_date=date(2023, 6, 30),
            steps=(
                _ip(0, "Co-teaching pairs identified at both middle schools."),
                _done(5, "Co-taught sections in all grade 6-8 ELA and math courses."),
            ),
        ),
        ActionSpec(
            code="3.2",
            component=3,
            text=("Embed reading strategies in secondary content classes (disciplinary literacy)."),
            responsible="Assistant Superintendent, Educational Services",
            theme=1,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(
                    8,
                    "Disciplinary literacy training under way for science and history departments.",
                ),
            ),
        ),
        ActionSpec(
            code="4.1",
            component=4,
            text="Implement PBIS Tier 1 and Tier 2 at all schools.",
            responsible="Director of Student Services",
            theme=2,
            target_date=date(2023, 12, 31),
            steps=(
                _ip(1, "Tier 1 PBIS teams trained at six schools."),
                _done(7, "Tier 1 and Tier 2 PBIS in place at all eleven schools."),
            ),
        ),
        ActionSpec(
            code="5.1",
            component=5,
            text="Set up a district assessment calendar and data reviews after each benchmark.",
            responsible="Assistant Superintendent, Educational Services",
            theme=1,
            target_date=date(2022, 12, 31),
            steps=(
                _ip(1, "Assessment calendar for 2022-23 drafted."),
                _done(4, "Data reviews held after every benchmark window in 2022-23."),
            ),
        ),
        ActionSpec(
            code="5.2",
            component=5,
            text=(
                "Monitor reclassification and the progress of students with disabilities by "
                "school each semester."
            ),
            responsible="Coordinator, English Learner Programs",
            theme=2,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(7, "First semester report by school presented to cabinet."),
                _done(13, "Semester monitoring reports are a standing cabinet item."),
            ),
        ),
        ActionSpec(
            code="6.1",
            component=6,
            text="Hold family academies for parents of English learners.",
            responsible="Coordinator, English Learner Programs",
            theme=2,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(3, "First family academy held at two schools."),
                _done(10, "Family academies held at every school in 2023-24."),
            ),
        ),
        ActionSpec(
            code="7.1",
            component=7,
            text="Train ILTs to lead data cycles on their school goals.",
            responsible="Principals",
            theme=3,
            target_date=date(2023, 6, 30),
            steps=(
                _ip(2, "ILT data training for all eleven teams scheduled."),
                _done(6, "Every ILT completed two data cycles in 2022-23."),
            ),
        ),
        ActionSpec(
            code="8.1",
            component=8,
            text="Coach principals in giving teachers instructional feedback.",
            responsible="Assistant Superintendent, Educational Services",
            theme=3,
            target_date=date(2023, 12, 31),
            steps=(
                _ip(2, "Coaching started with the county office for five principals."),
                _done(8, "All principals completed a year of coaching."),
            ),
        ),
        ActionSpec(
            code="9.1",
            component=9,
            text="Build an instructional coaching model with coaching cycles at every school.",
            responsible="Assistant Superintendent, Educational Services",
            theme=1,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(3, "Coaching model written; four coaches hired."),
                _done(9, "Coaching cycles running at all schools."),
            ),
        ),
        ActionSpec(
            code="10.1",
            component=10,
            text="Give teachers a dashboard of benchmark and ELPAC results for their students.",
            responsible="Director of Technology",
            theme=1,
            target_date=date(2024, 6, 30),
            steps=(
                _ip(4, "Dashboard vendor selected."),
                _done(11, "Dashboard used by every teacher since August 2024."),
            ),
        ),
        ActionSpec(
            code="11.1",
            component=11,
            text="Write a succession plan for retiring district and school leaders.",
            responsible="Superintendent",
            theme=3,
            target_date=date(2024, 12, 31),
            steps=(
                _ip(5, "Aspiring leaders cohort formed with eight participants."),
                _done(12, "Succession plan adopted; three cohort members now lead schools."),
            ),
        ),
        ActionSpec(
            code="12.1",
            component=12,
            text="Adopt a board policy establishing MTSS as the district's support framework.",
            responsible="Board of Education",
            theme=2,
            target_date=date(2025, 6, 30),
            steps=(
                _ip(6, "Draft MTSS policy reviewed by the policy committee."),
                _done(
                    13,
                    "MTSS board policy adopted on 2025-05-21.",
                    _JC_EV + "mtss-board-policy.pdf",
                ),
            ),
        ),
    ),
)


def _jc_meeting(
    held_on: date,
    summary: str,
    swot_notes: tuple[tuple[SwotCategory, str], ...],
    metric: tuple[str, Decimal, str],
    next_step: NextStepSpec,
    extra: tuple[AttendeeSpec, ...] = (),
) -> MeetingSpec:
    return MeetingSpec(
        held_on=held_on,
        kind=_Q,
        agenda="Quarterly progress monitoring of the SIR actions.",
        summary=summary,
        attendees=(*_JC_ALL, *extra),
        swot_notes=swot_notes,
        metrics=(metric,),
        next_steps=(next_step,),
    )


_JC_MEETINGS = (
    _jc_meeting(
        date(2022, 3, 15),
        "First quarterly review. Work began on the graduate profile, pacing guides and middle "
        "school co-teaching.",
        ((_S, "Cabinet owns the SIR actions."), (_W, "Co-teaching is new to most teachers.")),
        ("Students with disabilities in general education 80% of the day", Decimal("46"), "%"),
        NextStepSpec(
            "Hold graduate profile forums.", "Superintendent", date(2022, 4, 29), date(2022, 4, 27)
        ),
        (_JC_CCEE,),
    ),
    _jc_meeting(
        date(2022, 6, 14),
        "ELD curriculum pilot, PBIS training and the assessment calendar started before the "
        "summer.",
        ((_S, "Teachers volunteered for the ELD pilot."), (_O, "County PBIS training is free.")),
        ("English learners reclassified in 2021-22", Decimal("9.8"), "%"),
        NextStepSpec(
            "Present the graduate profile to the board.",
            "Superintendent",
            date(2022, 8, 31),
            date(2022, 8, 24),
        ),
        (_JC_EL,),
    ),
    _jc_meeting(
        date(2022, 9, 20),
        "The board adopted the graduate profile. ILT data training and principal coaching began.",
        ((_S, "The graduate profile is posted at every school."), (_W, "Two ILTs lack members.")),
        ("Schools with a full ILT (of 11)", Decimal("9"), "schools"),
        NextStepSpec(
            "Fill ILT vacancies at two schools.",
            "Principals",
            date(2022, 10, 28),
            date(2022, 10, 21),
        ),
        (_JC_CCEE, _JC_GEO),
    ),
    _jc_meeting(
        date(2022, 12, 13),
        "Pacing guides and common assessments are in use in every K-8 classroom. Family "
        "academies and the coaching model started.",
        (
            (_S, "Common assessments give comparable data."),
            (_O, "Parents asked for more academies."),
        ),
        ("Fall benchmark participation", Decimal("96"), "%"),
        NextStepSpec(
            "Hire four instructional coaches.",
            "Assistant Superintendent, Educational Services",
            date(2023, 2, 28),
            date(2023, 2, 17),
        ),
    ),
    _jc_meeting(
        date(2023, 3, 14),
        "Data reviews after each benchmark are routine. The district chose a vendor for a "
        "teacher dashboard.",
        ((_S, "Data reviews follow a shared protocol."), (_W, "Teachers wait weeks for results.")),
        ("Winter benchmark participation", Decimal("97"), "%"),
        NextStepSpec(
            "Sign the dashboard contract.",
            "Director of Technology",
            date(2023, 4, 28),
            date(2023, 4, 26),
        ),
        (_JC_SPED,),
    ),
    _jc_meeting(
        date(2023, 6, 13),
        "Co-teaching now covers every grade 6-8 ELA and math course. An aspiring leaders cohort "
        "was formed.",
        (
            (_S, "Co-taught classes show fewer failing grades."),
            (_T, "Two principals retire in June."),
        ),
        ("Students with disabilities in general education 80% of the day", Decimal("57"), "%"),
        NextStepSpec(
            "Name interim principals for two schools.",
            "Superintendent",
            date(2023, 7, 14),
            date(2023, 7, 7),
        ),
        (_JC_SPED, _JC_CCEE),
    ),
    _jc_meeting(
        date(2023, 9, 19),
        "Designated ELD and ILT data cycles are complete. Drafting of a board MTSS policy began.",
        (
            (_S, "Every ILT ran two data cycles last year."),
            (_O, "The board asked for an MTSS policy."),
        ),
        ("English learners reclassified in 2022-23", Decimal("12.4"), "%"),
        NextStepSpec(
            "Send the MTSS policy draft to the policy committee.",
            "Assistant Superintendent, Educational Services",
            date(2023, 11, 17),
            date(2023, 11, 15),
        ),
        (_JC_EL,),
    ),
    _jc_meeting(
        date(2023, 12, 12),
        "PBIS Tier 1 and Tier 2 are in place at all schools. Semester monitoring of "
        "reclassification and special education progress began.",
        (
            (_S, "Suspensions of students with disabilities fell."),
            (_W, "Tier 2 data is entered late."),
        ),
        ("Suspension rate, students with disabilities (fall)", Decimal("4.2"), "%"),
        NextStepSpec(
            "Train Tier 2 teams on timely data entry.",
            "Director of Student Services",
            date(2024, 1, 31),
            date(2024, 1, 26),
        ),
        (_JC_SPED,),
    ),
    _jc_meeting(
        date(2024, 3, 12),
        "All principals finished a year of instructional feedback coaching. Disciplinary "
        "literacy training started for secondary departments.",
        ((_S, "Principals give feedback weekly."), (_W, "High school departments resist change.")),
        ("Classrooms visited weekly by principals", Decimal("78"), "%"),
        NextStepSpec(
            "Plan disciplinary literacy training for 2024-25.",
            "Assistant Superintendent, Educational Services",
            date(2024, 5, 31),
            date(2024, 5, 24),
        ),
        (_JC_CCEE,),
    ),
    _jc_meeting(
        date(2024, 6, 11),
        "Coaching cycles now run at every school. CCEE and the county office discussed "
        "gradual release of support for 2024-25.",
        ((_S, "Coaches work in cycles at all schools."), (_O, "The district can lead more work.")),
        ("Students meeting the spring ELA benchmark", Decimal("52"), "%"),
        NextStepSpec(
            "Draft a gradual-release plan for CCEE support.",
            "CCEE Lead",
            date(2024, 8, 30),
            date(2024, 8, 23),
        ),
        (_JC_GEO,),
    ),
    _jc_meeting(
        date(2024, 9, 17),
        "Family academies ran at every school last year. The district now leads each quarterly "
        "review.",
        ((_S, "Family academies drew 600 parents."), (_W, "Secondary literacy work is slow.")),
        ("English learners reclassified in 2023-24", Decimal("15.1"), "%"),
        NextStepSpec(
            "Prepare the exit criteria review.",
            "Superintendent",
            date(2024, 11, 29),
            date(2024, 11, 22),
        ),
        (_JC_EL,),
    ),
    _jc_meeting(
        date(2024, 12, 10),
        "The teacher dashboard is used across the district. The district no longer meets DTA "
        "eligibility criteria on the 2024 Dashboard.",
        ((_S, "Teachers use the dashboard weekly."), (_O, "The district can exit in June 2025.")),
        ("Teachers using the dashboard weekly", Decimal("88"), "%"),
        NextStepSpec(
            "Adopt the leadership succession plan.",
            "Superintendent",
            date(2025, 2, 28),
            date(2025, 2, 26),
        ),
        (_JC_CCEE,),
    ),
    _jc_meeting(
        date(2025, 3, 11),
        "The succession plan is adopted and three cohort members now lead schools. The exit "
        "plan for June 2025 was agreed.",
        (
            (_S, "Leaders grown in the district fill vacancies."),
            (_T, "Disciplinary literacy may stall."),
        ),
        ("Actions completed", Decimal("12"), "actions"),
        NextStepSpec(
            "Bring the MTSS policy to the board.",
            "Board of Education",
            date(2025, 5, 30),
            date(2025, 5, 21),
        ),
    ),
    _jc_meeting(
        date(2025, 6, 10),
        "Final quarterly review before exit on 2025-06-30: 14 of 15 actions completed. "
        "Disciplinary literacy continues under district leadership with county office support.",
        (
            (_S, "The MTSS policy and monitoring reports sustain the work after exit."),
            (_W, "Disciplinary literacy is still in progress in secondary departments."),
        ),
        ("Students meeting the spring ELA benchmark", Decimal("58"), "%"),
        NextStepSpec(
            "Hand over the disciplinary literacy plan to the county office.",
            "Assistant Superintendent, Educational Services",
            date(2025, 6, 27),
            date(2025, 6, 25),
        ),
        (_JC_CCEE, _JC_GEO),
    ),
)

JUNIPER_CREST = LeaSpec(
    name="Juniper Crest Unified School District",
    kind=LeaKind.DISTRICT,
    cds_code="3699105",
    county="San Bernardino",
    engagement=EngagementSpec(
        pathway=Pathway.PRIMARY,
        mode=EngagementMode.COLLABORATIVE_PLANNING,
        readiness=Readiness.WILLING_ABLE,
        started_on=date(2021, 8, 1),
        exited_on=date(2025, 6, 30),
    ),
    ccee_lead="priya.raman@demo.sir-tracker.example",
    sir=_JUNIPER_CREST_SIR,
    meetings=_JC_MEETINGS,
    published=True,
)

# ---------------------------------------------------------------------------------------------
# (f) Harbor Oaks Unified (Los Angeles): wraparound support from August 2026, SIR under way.
# Meetings: 0 = 2026-09-10 (kickoff, "other").
# ---------------------------------------------------------------------------------------------

HARBOR_OAKS = LeaSpec(
    name="Harbor Oaks Unified School District",
    kind=LeaKind.DISTRICT,
    cds_code="1999106",
    county="Los Angeles",
    engagement=EngagementSpec(
        pathway=Pathway.WRAPAROUND,
        mode=EngagementMode.EMBEDDED_PARTNERSHIP,
        readiness=None,
        started_on=date(2026, 8, 15),
    ),
    ccee_lead="samuel.okafor@demo.sir-tracker.example",
    sir=SirSpec(
        title="Harbor Oaks Unified School District Systemic Instructional Review",
        report_date=None,
        state=SirState.IN_PROGRESS,
        themes=(
            "Instructional coherence",
            "Aligning resources to instruction",
            "Student engagement",
        ),
        findings=(
            FindingSpec(
                1,
                _W,
                "Preliminary: school plans name different priorities and few connect to the LCAP.",
            ),
            FindingSpec(
                4,
                _T,
                "Preliminary: chronic absenteeism rose to 31% in 2025-26.",
            ),
            FindingSpec(
                9,
                _S,
                "Preliminary: teachers value the district's new-teacher induction program.",
            ),
            FindingSpec(
                11,
                _W,
                "Preliminary: budget reductions under the fiscal recovery plan removed most "
                "central office curriculum staff.",
            ),
        ),
        actions=(
            ActionSpec(
                code="1.1",
                component=1,
                text="Draft: tie every school plan to two district instructional priorities.",
                responsible="Assistant Superintendent, Educational Services",
                theme=1,
            ),
            ActionSpec(
                code="4.1",
                component=4,
                text=(
                    "Draft: launch an attendance recovery campaign at the six highest-absence "
                    "schools."
                ),
                responsible="Director of Student Services",
                theme=3,
            ),
            ActionSpec(
                code="11.1",
                component=11,
                text=(
                    "Draft: protect core curriculum and assessment functions in the fiscal "
                    "recovery plan."
                ),
                responsible="Chief Business Official",
                theme=2,
            ),
        ),
    ),
    meetings=(
        MeetingSpec(
            held_on=date(2026, 9, 10),
            kind=MeetingKind.OTHER,
            agenda="Kickoff: roles, SIR timeline, data requests, schedule of site visits.",
            summary=(
                "Kickoff meeting for wraparound support after the district's emergency "
                "apportionment. The team agreed on the SIR timeline, data requests and site "
                "visits at all twelve schools; quarterly monitoring will begin once the report "
                "is final."
            ),
            attendees=(
                AttendeeSpec("Dr. Vanessa Pruett", "Superintendent", _LEA),
                AttendeeSpec("Kenji Arakawa", "Chief Business Official", _LEA),
                AttendeeSpec(
                    "Lucia Fernández", "Assistant Superintendent, Educational Services", _LEA
                ),
                AttendeeSpec("Samuel Okafor", "CCEE Lead", _CCEE),
                AttendeeSpec("Darnell Price", "CCEE Professional Expert, Data", _CCEE),
                AttendeeSpec("Helen Ruiz-Tran", "Director, Differentiated Assistance, LACOE", _COE),
                AttendeeSpec("Simone Achebe", "Liaison, Region 11 Geographic Lead Agency", _GEO),
            ),
            swot_notes=(
                (_S, "District leaders asked for the review and want it finished quickly."),
                (_T, "Fiscal recovery cuts may limit what the district can take on."),
            ),
            metrics=(("Schools in the district", Decimal("12"), "schools"),),
            next_steps=(
                NextStepSpec(
                    "Send LCAP, budget, assessment and attendance data to the review team.",
                    "Assistant Superintendent, Educational Services",
                    date(2026, 9, 30),
                    date(2026, 9, 28),
                ),
                NextStepSpec(
                    "Complete site visits and focus groups at all schools.",
                    "CCEE Lead",
                    date(2026, 10, 30),
                    date(2026, 11, 4),
                ),
                NextStepSpec(
                    "Share preliminary findings with the superintendent.",
                    "CCEE Lead",
                    date(2026, 11, 20),
                ),
            ),
        ),
    ),
)

OTHER_LEAS: tuple[LeaSpec, ...] = (
    PIEDRA_AZUL,
    RIVERLIGHT,
    MIRADOR_COE,
    MESA_LINDA,
    JUNIPER_CREST,
    HARBOR_OAKS,
)
