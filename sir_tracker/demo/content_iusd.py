"""Inglewood Unified School District: the public example of SIR progress monitoring.

The review (April 2019), its themes and the status counts of June 2021 (66 actions: 19 completed,
41 in progress, 6 not started) follow CCEE's public overview; actions, notes, people and the
quarters in between are invented for the demo. Meeting indices: 0 = 2019-09-17 ... 7 = 2021-06-15.
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

_EV = "https://demo.sir-tracker.example/evidence/iusd/"
_S = SwotCategory.STRENGTH
_W = SwotCategory.WEAKNESS
_O = SwotCategory.OPPORTUNITY
_T = SwotCategory.THREAT


def _ip(meeting: int, note: str, evidence_url: str | None = None) -> StatusStep:
    return StatusStep(meeting, ActionStatus.IN_PROGRESS, note, evidence_url)


def _done(meeting: int, note: str, evidence_url: str | None = None) -> StatusStep:
    return StatusStep(meeting, ActionStatus.COMPLETED, note, evidence_url)


def _fcmat(item: str) -> tuple[str, str]:
    return ("FCMAT", f"Pupil Achievement {item}")


# People (invented).
_SA = AttendeeSpec("Dr. Renata Alvarez", "State Administrator", Organisation.LEA)
_CAO = AttendeeSpec("Marcus Whitfield", "Chief Academic Officer", Organisation.LEA)
_DAA = AttendeeSpec("Tanya Kimura", "Director of Assessment and Accountability", Organisation.LEA)
_ELEM = AttendeeSpec("Lorena Baptiste", "Director of Elementary Education", Organisation.LEA)
_SPED = AttendeeSpec("Gabriel Osei", "Director of Special Education", Organisation.LEA)
_LEAD = AttendeeSpec("Alicia Montoya", "CCEE Lead", Organisation.CCEE)
_CCEE_DATA = AttendeeSpec(
    "Darnell Price", "CCEE Professional Expert, Data and Continuous Improvement", Organisation.CCEE
)
_CCEE_SPED = AttendeeSpec(
    "Rosa Delgado-Hart", "CCEE Special Education Specialist", Organisation.CCEE
)
_LACOE_DA = AttendeeSpec(
    "Helen Ruiz-Tran", "Director, Differentiated Assistance, LACOE", Organisation.COE
)
_LACOE_DATA = AttendeeSpec(
    "Kevin Matsuda", "Coordinator, Data and Analysis, LACOE", Organisation.COE
)
_GEO = AttendeeSpec(
    "Simone Achebe", "Liaison, Region 11 Geographic Lead Agency", Organisation.GEO_LEAD
)

_THEMES = (
    "Culture, coherence, and systemness",
    "Curriculum, instruction, and assessment",
    "Accountability",
    "Professional learning",
)

_FINDINGS = (
    # 1. Culture, Coherence, and the Planning Process
    FindingSpec(
        1,
        _S,
        "Staff and leaders share a strong commitment to Inglewood's students and believe the "
        "district can rebuild after its fiscal crisis.",
    ),
    FindingSpec(
        1,
        _W,
        "The district's cycle of inquiry is used unevenly and is widely experienced as a "
        "compliance report rather than a tool for improving instruction.",
    ),
    FindingSpec(
        1,
        _W,
        "The LCAP, school plans and FCMAT corrective actions run in parallel; no single "
        "improvement plan ties their goals and timelines together.",
    ),
    FindingSpec(
        1,
        _T,
        "Leadership turnover and the constraints of the state emergency loan make it hard to "
        "keep priorities steady over several years.",
    ),
    # 2. Curriculum, Learning, and Support
    FindingSpec(
        2,
        _S,
        "Standards-aligned core materials have been adopted for ELA and mathematics in every "
        "grade.",
    ),
    FindingSpec(
        2,
        _W,
        "There are no district instructional guides naming priority standards or pacing, so "
        "what students are taught differs from classroom to classroom.",
    ),
    FindingSpec(
        2,
        _O,
        "A district focus on literacy has broad support and could anchor curriculum decisions "
        "from TK through high school.",
    ),
    FindingSpec(
        2,
        _W,
        "Designated ELD instruction is scheduled inconsistently and is rarely monitored.",
    ),
    # 3. Instructional Practice and Strategies
    FindingSpec(
        3,
        _W,
        "What teachers learn in professional development seldom shows up in classrooms; most "
        "lessons observed were whole-group and teacher-directed.",
    ),
    FindingSpec(
        3,
        _S,
        "Pockets of strong, student-centered practice at a few elementary schools could serve as "
        "models for the district.",
    ),
    FindingSpec(
        3,
        _W,
        "Students with disabilities have limited access to differentiated grade-level "
        "instruction in general education classes.",
    ),
    # 4. Social-Emotional and Behavioral Health and Development
    FindingSpec(
        4,
        _W,
        "No multi-tiered system of support addresses academic, behavioral, social-emotional and "
        "attendance needs together.",
    ),
    FindingSpec(
        4,
        _S,
        "Several schools have counselors and community partners who provide mental health "
        "services on campus.",
    ),
    FindingSpec(
        4,
        _T,
        "Chronic absenteeism and high suspension rates for some student groups cut into "
        "instructional time.",
    ),
    # 5. Assessment and Accountability
    FindingSpec(
        5,
        _W,
        "Accountability structures exist but are loosely outlined: owners, expectations and "
        "follow-up are unclear at central office and at schools.",
    ),
    FindingSpec(
        5,
        _W,
        "Completion of district benchmark assessments varies widely between schools, leaving "
        "gaps in the data used for decisions.",
    ),
    FindingSpec(
        5,
        _O,
        "Aligning the SIR actions with FCMAT's pupil achievement standards gives the district "
        "one external frame for accountability.",
    ),
    # 6. Student and Family Engagement
    FindingSpec(
        6,
        _S,
        "Parents in focus groups expressed strong loyalty to their neighborhood schools.",
    ),
    FindingSpec(
        6,
        _W,
        "District communication is mostly one-way, and translation for Spanish-speaking "
        "families is inconsistent.",
    ),
    FindingSpec(
        6,
        _O,
        "With training, the DELAC and school site councils could take a larger part in shaping "
        "district and school plans.",
    ),
    # 7. School-based Instructional Leadership Teams (ILTs)
    FindingSpec(
        7,
        _W,
        "Only about half of the schools have an instructional leadership team, and existing "
        "teams spend most of their time on logistics.",
    ),
    FindingSpec(
        7,
        _O,
        "Many teachers are interested in leadership roles and could staff strong ILTs.",
    ),
    FindingSpec(
        7,
        _W,
        "ILTs have no protected meeting time and no common protocol for looking at data.",
    ),
    # 8. Administrative Coaching and Leadership
    FindingSpec(
        8,
        _W,
        "Principals receive little coaching as instructional leaders, and principal meetings "
        "are dominated by operational and compliance items.",
    ),
    FindingSpec(
        8,
        _S,
        "Newer principals are eager for feedback and ask for classroom-based coaching.",
    ),
    FindingSpec(
        8,
        _T,
        "Principal turnover is high; several schools are led by interim administrators.",
    ),
    # 9. Professional Learning and Coaching
    FindingSpec(
        9,
        _W,
        "Professional learning consists of one-time workshops with no follow-up or coaching in "
        "classrooms.",
    ),
    FindingSpec(
        9,
        _O,
        "Instructional coach positions are funded; defining the role and assigning coaches by "
        "need could support implementation at schools.",
    ),
    FindingSpec(
        9,
        _W,
        "There is no multi-year professional learning plan tied to the district's instructional "
        "priorities.",
    ),
    # 10. Data Management and Use and Student Information Systems
    FindingSpec(
        10,
        _W,
        "Student data sits in several systems that do not talk to each other, and data quality "
        "problems affect state reporting.",
    ),
    FindingSpec(
        10,
        _W,
        "Principals and teachers cannot easily see current assessment, attendance and "
        "discipline data for their students.",
    ),
    FindingSpec(
        10,
        _O,
        "The Los Angeles County Office of Education has offered staff to help organize and "
        "analyze district data.",
    ),
    # 11. District and Leadership Capacity
    FindingSpec(
        11,
        _W,
        "Central office capacity is thin after staff reductions; key positions are vacant or "
        "filled on an interim basis.",
    ),
    FindingSpec(
        11,
        _O,
        "The partnership with LACOE and CCEE offers staff and expertise to rebuild central "
        "office support for schools.",
    ),
    FindingSpec(
        11,
        _W,
        "Responsibilities of the Educational Services departments overlap and are not clearly "
        "explained to schools.",
    ),
    FindingSpec(
        11,
        _T,
        "Repayment obligations under the emergency loan limit new investment in staff and "
        "programs.",
    ),
    # 12. Governance Support with Instruction
    FindingSpec(
        12,
        _S,
        "The State Administrator and the advisory board have made pupil achievement a stated "
        "priority alongside fiscal recovery.",
    ),
    FindingSpec(
        12,
        _W,
        "Board policies on curriculum, assessment and graduation requirements are out of date.",
    ),
    FindingSpec(
        12,
        _O,
        "Regular instructional reports to the board could build a shared understanding of "
        "progress on the SIR and FCMAT actions.",
    ),
)

_ACTIONS = (
    # 1. Culture, Coherence, and the Planning Process
    ActionSpec(
        code="1.1",
        component=1,
        text=(
            "Articulate a district-wide instructional vision and theory of action that links the "
            "strategic plan to classroom practice, and make sure every school can explain how "
            "its work contributes to it."
        ),
        responsible="State Administrator and Cabinet",
        theme=1,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("1.1"),),
        steps=(
            _ip(
                0,
                "Cabinet drafted the instructional vision at the August 2019 leadership retreat; "
                "feedback sessions with principals are set for October.",
            ),
        ),
    ),
    ActionSpec(
        code="1.2",
        component=1,
        text=(
            "Merge the LCAP, the school plans for student achievement and the SIR/FCMAT actions "
            "into one aligned improvement plan with shared goals, metrics and timelines."
        ),
        responsible="Chief Academic Officer",
        theme=1,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("1.3"), ("LCAP", "Goal 1, Action 1")),
        steps=(
            _ip(
                1,
                "School plan template revised so each goal cites an LCAP goal and the related "
                "SIR action; crosswalk shared with principals.",
            ),
            _done(
                5,
                "All 18 school plans for 2020-21 were written on the aligned template and "
                "approved on 2020-11-18; the LCAP-SIR crosswalk is posted for staff.",
                _EV + "spsa-lcap-sir-crosswalk.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="1.3",
        component=1,
        text=(
            "Adopt one cycle of inquiry (plan, do, study, act) for central office departments and "
            "schools, and present it as a way to learn from data rather than a compliance report."
        ),
        responsible="Chief Academic Officer",
        theme=1,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("2.1"),),
        steps=(
            _ip(
                0,
                "Cycle-of-inquiry template introduced at the August principals' institute; first "
                "submissions read as compliance reports rather than learning.",
            ),
        ),
    ),
    ActionSpec(
        code="1.4",
        component=1,
        text=(
            "Set up a communication protocol so instructional priorities, decisions and deadlines "
            "reach every school the same way, including a weekly bulletin from Educational "
            "Services."
        ),
        responsible="Executive Director, Educational Services",
        theme=1,
        target_date=date(2020, 6, 30),
        steps=(
            _ip(
                1,
                "Weekly Educational Services bulletin launched in November; principals find it "
                "useful but it does not yet reach teachers.",
            ),
        ),
    ),
    ActionSpec(
        code="1.5",
        component=1,
        text=(
            "Publish an annual calendar of instructional initiatives and screen every new "
            "initiative against the strategic plan before it is launched."
        ),
        responsible="Chief Academic Officer",
        theme=1,
        target_date=date(2021, 6, 30),
        steps=(
            _ip(
                3,
                "Inventory of current initiatives completed during the spring closures; a "
                "2020-21 calendar is drafted around distance-learning priorities.",
            ),
        ),
    ),
    ActionSpec(
        code="1.6",
        component=1,
        text=(
            "Define graduate competencies (a profile of an IUSD graduate) that set instructional "
            "expectations from TK through grade 12."
        ),
        responsible="Chief Academic Officer",
        theme=2,
        target_date=date(2022, 6, 30),
        crosswalk=(("LCAP", "Goal 2, Action 1"),),
    ),
    # 2. Curriculum, Learning, and Support
    ActionSpec(
        code="2.1",
        component=2,
        text=(
            "Adopt a TK-12 literacy framework that sets expectations for foundational reading "
            "skills, close reading of complex texts and writing in every content area."
        ),
        responsible="Chief Academic Officer",
        theme=2,
        target_date=date(2019, 12, 31),
        crosswalk=(_fcmat("3.1"), ("LCAP", "Goal 1, Action 3")),
        steps=(
            _ip(
                0,
                "Draft framework reviewed by the district literacy committee and LACOE "
                "curriculum staff; board presentation planned for November.",
            ),
            _done(
                1,
                "Literacy framework adopted by the board on 2019-11-20; rollout to all "
                "elementary sites underway.",
                _EV + "literacy-framework.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="2.2",
        component=2,
        text=(
            "Write instructional guides for ELA and mathematics, grades TK-8, that name priority "
            "standards, pacing and common unit assessments."
        ),
        responsible="Director of Elementary Education",
        theme=2,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("3.2"),),
        steps=(
            _ip(
                0,
                "ELA and math writing teams formed; the K-2 ELA guide was drafted over the summer.",
            ),
            _done(
                5,
                "Revised ELA and math guides, focused on priority standards for distance "
                "learning, were issued to every TK-8 teacher in October 2020.",
                _EV + "instructional-guides-2020-21.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="2.3",
        component=2,
        text=(
            "Audit how adopted ELA, math and ELD materials are used, confirm their alignment to "
            "the standards and find where supplements have replaced the core program."
        ),
        responsible="Executive Director, Educational Services",
        theme=2,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("3.3"),),
        steps=(
            _ip(2, "Audit tool piloted at four elementary schools with LACOE curriculum staff."),
            _done(
                4,
                "Audit finished at all schools: core ELA materials are in daily use at 15 of 18 "
                "schools, and unaligned supplements have been listed for retirement.",
                _EV + "curriculum-audit-2020.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="2.4",
        component=2,
        text=(
            "Issue district guidance on designated and integrated ELD, including minimum daily "
            "designated ELD time and how principals monitor it."
        ),
        responsible="Director of English Learner Programs",
        theme=2,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("3.5"), ("LCAP", "Goal 1, Action 6")),
        steps=(
            _ip(
                1,
                "ELD guidance drafted with CCEE coaching for the English Learner Director; site "
                "schedules under review for designated ELD time.",
            ),
        ),
    ),
    ActionSpec(
        code="2.5",
        component=2,
        text=(
            "Develop an instructional action plan grounded in a multi-tiered system of support "
            "(MTSS) that defines Tier 1 instruction and Tier 2 and 3 interventions in academics, "
            "behavior and attendance."
        ),
        responsible="Chief Academic Officer",
        theme=2,
        target_date=date(2022, 6, 30),
        crosswalk=(_fcmat("4.1"),),
        steps=(
            _ip(
                7,
                "CCEE advised making this the priority for 2021-22; a design team with the new "
                "continuous improvement director starts drafting in July.",
            ),
        ),
    ),
    ActionSpec(
        code="2.6",
        component=2,
        text=(
            "Review secondary course sequences so that every high school student has access to "
            "a complete A-G college-preparatory pathway."
        ),
        responsible="Director of Secondary Education",
        theme=2,
        target_date=date(2021, 6, 30),
        crosswalk=(("LCAP", "Goal 2, Action 3"),),
        steps=(
            _ip(
                2,
                "A-G course audit started at both comprehensive high schools; counselors are "
                "reviewing grade 10 transcripts.",
            ),
        ),
    ),
    # 3. Instructional Practice and Strategies
    ActionSpec(
        code="3.1",
        component=3,
        text=(
            "Define a small set of high-leverage instructional practices, such as structured "
            "academic talk and checking for understanding, expected in every classroom."
        ),
        responsible="Chief Academic Officer",
        theme=2,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("3.4"),),
        steps=(
            _ip(
                1,
                "Four high-leverage practices chosen with principals and introduced at the "
                "December professional learning day.",
            ),
        ),
    ),
    ActionSpec(
        code="3.2",
        component=3,
        text=(
            "Introduce a district walkthrough protocol with common look-fors, calibrated between "
            "central office leaders and principals."
        ),
        responsible="Executive Director, Educational Services",
        theme=3,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("2.3"),),
        steps=(
            _ip(
                0,
                "Walkthrough tool drafted; first calibration walks with principals scheduled "
                "for October.",
            ),
        ),
    ),
    ActionSpec(
        code="3.3",
        component=3,
        text=(
            "Have general and special education teachers co-plan lessons so students with "
            "disabilities receive differentiated, grade-level instruction in general education "
            "classes."
        ),
        responsible="Director of Special Education",
        theme=2,
        target_date=date(2021, 6, 30),
        steps=(_ip(2, "Co-planning pilot launched in grades 4-5 at three elementary schools."),),
    ),
    ActionSpec(
        code="3.4",
        component=3,
        text=(
            "Set the expectation of daily small-group reading instruction in grades TK-3, with "
            "groups formed from screener results."
        ),
        responsible="Director of Elementary Education",
        theme=2,
        target_date=date(2021, 6, 30),
        crosswalk=(("LCAP", "Goal 1, Action 4"),),
        steps=(
            _ip(
                3,
                "Small-group reading blocks built into the TK-3 distance-learning schedule, "
                "starting with the summer session.",
            ),
            _done(
                6,
                "Every TK-3 class now holds daily small-group reading grouped by screener "
                "results; seen in 92% of February walkthroughs.",
                _EV + "tk3-small-group-reading.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="3.5",
        component=3,
        text=(
            "Build teachers' use of formative assessment during lessons so that instruction is "
            "adjusted while students are still learning."
        ),
        responsible="Executive Director, Educational Services",
        theme=4,
        target_date=date(2021, 12, 31),
        steps=(
            _ip(
                3,
                "Formative assessment strategies for virtual classrooms shared during the June "
                "professional learning week.",
            ),
        ),
    ),
    ActionSpec(
        code="3.6",
        component=3,
        text=(
            "Embed culturally and linguistically responsive teaching practices in the "
            "instructional guides and in coaching."
        ),
        responsible="Director of English Learner Programs",
        theme=4,
        target_date=date(2021, 12, 31),
        steps=(
            _ip(
                4,
                "A culturally responsive teaching module was added to new-teacher orientation "
                "in August.",
            ),
        ),
    ),
    # 4. Social-Emotional and Behavioral Health and Development
    ActionSpec(
        code="4.1",
        component=4,
        text=(
            "Implement Positive Behavioral Interventions and Supports (PBIS) at every school "
            "with common expectations and tiered behavior supports."
        ),
        responsible="Director of Student Support Services",
        theme=1,
        target_date=date(2021, 6, 30),
        crosswalk=(("LCAP", "Goal 3, Action 2"),),
        steps=(
            _ip(
                0,
                "Eight schools trained in PBIS Tier 1 through LACOE; the other schools join the "
                "2020 cohort.",
            ),
        ),
    ),
    ActionSpec(
        code="4.2",
        component=4,
        text=(
            "Select and implement a social-emotional learning curriculum for the elementary "
            "grades, with weekly lessons in every class."
        ),
        responsible="Director of Student Support Services",
        theme=2,
        target_date=date(2021, 6, 30),
        steps=(_ip(2, "Review committee formed; two SEL programs are being piloted in grade 3."),),
    ),
    ActionSpec(
        code="4.3",
        component=4,
        text=(
            "Establish a coordination of services team (COST) at every school to refer students "
            "for academic, behavioral, attendance and mental health support."
        ),
        responsible="Director of Student Support Services",
        theme=1,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("4.2"),),
        steps=(
            _ip(2, "COST referral form and meeting protocol drafted; six schools hold meetings."),
            _done(
                5,
                "COST teams meet at least twice a month at all 18 schools, including virtual "
                "check-ins with disengaged students.",
                _EV + "cost-protocol.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="4.4",
        component=4,
        text=(
            "Create an attendance improvement plan with tiered interventions for chronically "
            "absent students."
        ),
        responsible="Director of Child Welfare and Attendance",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(("LCAP", "Goal 3, Action 4"),),
        steps=(
            _ip(
                3,
                "Distance-learning engagement tracking started in April; the plan is being "
                "drafted around three tiers of outreach.",
            ),
        ),
    ),
    ActionSpec(
        code="4.5",
        component=4,
        text=(
            "Review suspension and discipline data by student group every quarter and change "
            "practices that produce disproportionate outcomes."
        ),
        responsible="Director of Student Support Services",
        theme=3,
        target_date=date(2021, 12, 31),
    ),
    # 5. Assessment and Accountability
    ActionSpec(
        code="5.1",
        component=5,
        text=(
            "Publish a district assessment calendar with common ELA and math benchmark "
            "assessments for grades K-8, given in fall, winter and spring."
        ),
        responsible="Director of Assessment and Accountability",
        theme=2,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("5.1"),),
        steps=(
            _ip(0, "2019-20 assessment calendar finalized; the fall window opens 2019-09-30."),
            _done(
                2,
                "Fall and winter benchmarks were given districtwide on the published calendar "
                "and results reviewed with every principal.",
                _EV + "assessment-calendar-2019-20.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="5.2",
        component=5,
        text=(
            "Set annual targets in ELA, mathematics and English learner progress for each school "
            "and student group, aligned to the LCAP."
        ),
        responsible="Director of Assessment and Accountability",
        theme=3,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("5.2"), ("LCAP", "Goal 1, Action 2")),
        steps=(
            _ip(1, "Baseline data by school and student group compiled with LACOE data staff."),
            _done(
                3,
                "2020-21 targets for every school and student group approved by the State "
                "Administrator on 2020-06-10 and built into the school plan template.",
                _EV + "school-targets-2020-21.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="5.3",
        component=5,
        text=(
            "Hold quarterly school performance reviews in which principals present progress "
            "toward their targets to the Educational Services team."
        ),
        responsible="Chief Academic Officer",
        theme=3,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("5.3"),),
        steps=(_ip(0, "First round of school performance reviews set for after the fall window."),),
    ),
    ActionSpec(
        code="5.4",
        component=5,
        text=(
            "Define how each central office department supports schools, with service "
            "standards and performance indicators for the department."
        ),
        responsible="State Administrator",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("6.2"),),
        steps=(_ip(2, "Department role statements drafted; indicators still to be set."),),
    ),
    ActionSpec(
        code="5.5",
        component=5,
        text=(
            "Monitor completion of local and state assessments by school and follow up with any "
            "school below 90% completion."
        ),
        responsible="Director of Assessment and Accountability",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("5.4"),),
        steps=(
            _ip(
                4,
                "Weekly completion reports by school started with the fall 2020 virtual "
                "benchmark window.",
            ),
            _done(
                7,
                "85% of students completed the mid-year literacy assessment and 93% took the "
                "2021 Smarter Balanced Assessment online; follow-up with schools is routine.",
                _EV + "assessment-completion-2021.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="5.6",
        component=5,
        text=(
            "Publish an annual report to the community on progress toward the SIR, FCMAT and "
            "LCAP goals."
        ),
        responsible="Director of Assessment and Accountability",
        theme=3,
        target_date=date(2021, 12, 31),
        crosswalk=(("LCAP", "Goal 4, Action 2"),),
        steps=(_ip(4, "Report format agreed; the first edition will accompany the 2021 LCAP."),),
    ),
    ActionSpec(
        code="5.7",
        component=5,
        text=(
            "Set performance indicators for academic, social-emotional and attendance outcomes "
            "at each tier of the multi-tiered system of support."
        ),
        responsible="Director of Data and Equity",
        theme=3,
        target_date=date(2022, 6, 30),
        crosswalk=(_fcmat("4.3"),),
    ),
    # 6. Student and Family Engagement
    ActionSpec(
        code="6.1",
        component=6,
        text=(
            "Write a family engagement plan for two-way communication with families in English "
            "and Spanish, with regular opportunities for their input."
        ),
        responsible="Director of Family and Community Engagement",
        theme=1,
        target_date=date(2020, 12, 31),
        crosswalk=(("LCAP", "Goal 4, Action 1"),),
        steps=(
            _ip(1, "Family survey run in November in English and Spanish; plan drafting begun."),
        ),
    ),
    ActionSpec(
        code="6.2",
        component=6,
        text=(
            "Offer parent workshops on reading assessment results and supporting literacy at home."
        ),
        responsible="Director of Family and Community Engagement",
        theme=2,
        target_date=date(2020, 12, 31),
        steps=(
            _ip(3, "First virtual workshops on supporting reading at home held in May 2020."),
            _done(
                5,
                "Six-session virtual series completed in English and Spanish; 410 families "
                "attended at least one session.",
                _EV + "parent-workshops-fall-2020.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="6.3",
        component=6,
        text=(
            "Train DELAC members and school site councils on the LCAP, school plans and reading "
            "school data."
        ),
        responsible="Director of English Learner Programs",
        theme=1,
        target_date=date(2020, 6, 30),
        steps=(
            _ip(
                1,
                "DELAC session on the LCAP held in November; site council training is being "
                "scheduled.",
            ),
        ),
    ),
    ActionSpec(
        code="6.4",
        component=6,
        text=(
            "Create a student advisory council that meets with the State Administrator to give "
            "input on instruction and school climate."
        ),
        responsible="State Administrator",
        theme=1,
        target_date=date(2021, 6, 30),
        steps=(
            _ip(
                5,
                "Council formed with two students from each secondary school; first virtual "
                "meeting held in November.",
            ),
        ),
    ),
    ActionSpec(
        code="6.5",
        component=6,
        text="Set up one process for translating district and school communications to families.",
        responsible="Director of Family and Community Engagement",
        target_date=date(2020, 6, 30),
        steps=(
            _done(
                4,
                "Translation contract in place; all district and school distance-learning "
                "messages now go out in English and Spanish.",
            ),
        ),
    ),
    # 7. School-based Instructional Leadership Teams (ILTs)
    ActionSpec(
        code="7.1",
        component=7,
        text=(
            "Form an instructional leadership team at every school, with a written charter, "
            "defined membership and teacher leaders from each grade span or department."
        ),
        responsible="Principals",
        theme=1,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("2.2"),),
        steps=(
            _ip(0, "ILTs formed at 9 of 18 schools; charter template shared with principals."),
            _done(
                3,
                "ILTs with written charters meet at all 18 schools, virtually since the closures.",
                _EV + "ilt-charters.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="7.2",
        component=7,
        text=(
            "Train ILTs to use student data to choose an instructional focus and to monitor it "
            "through the year."
        ),
        responsible="Director of Data and Equity",
        theme=4,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("2.4"),),
        steps=(
            _ip(1, "First ILT data training delivered to eight schools with LACOE data staff."),
        ),
    ),
    ActionSpec(
        code="7.3",
        component=7,
        text=(
            "Have every ILT run at least one cycle of inquiry per semester on its instructional "
            "focus and share the evidence with central office."
        ),
        responsible="Principals",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("2.5"),),
        steps=(
            _ip(
                1,
                "Seven ILTs submitted a first cycle; quality varies and most look at adult tasks "
                "rather than student results.",
            ),
        ),
    ),
    ActionSpec(
        code="7.4",
        component=7,
        text="Adopt a common ILT meeting agenda, norms and note-taking template.",
        responsible="Executive Director, Educational Services",
        theme=1,
        target_date=date(2019, 12, 31),
        steps=(
            _done(
                1,
                "Common agenda, norms and notes template issued in October and used by every "
                "school that has an ILT.",
                _EV + "ilt-agenda-template.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="7.5",
        component=7,
        text=(
            "Build a multi-tiered support structure for principals and ILTs, differentiating "
            "central office support by school need."
        ),
        responsible="Executive Director, Educational Services",
        theme=1,
        target_date=date(2022, 6, 30),
        crosswalk=(_fcmat("2.6"),),
    ),
    ActionSpec(
        code="7.6",
        component=7,
        text="Protect time for ILT meetings at least twice a month in every school's schedule.",
        responsible="Principals",
        theme=1,
        target_date=date(2020, 12, 31),
        steps=(_ip(2, "Twice-monthly ILT time scheduled at 11 schools; the rest meet monthly."),),
    ),
    # 8. Administrative Coaching and Leadership
    ActionSpec(
        code="8.1",
        component=8,
        text=(
            "Coach principals as instructional leaders through cycles of classroom observation, "
            "feedback and follow-up."
        ),
        responsible="Executive Director, Educational Services",
        theme=4,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("6.1"),),
        steps=(_ip(0, "Coaching cycles started for six principals with LACOE and CCEE coaches."),),
    ),
    ActionSpec(
        code="8.2",
        component=8,
        text=(
            "Restructure monthly principal meetings so most of the time goes to instructional "
            "leadership learning rather than operational updates."
        ),
        responsible="Chief Academic Officer",
        theme=4,
        target_date=date(2020, 6, 30),
        steps=(
            _ip(
                1,
                "Agenda redesigned: operational items moved to a written bulletin, two hours set "
                "aside for instructional leadership.",
            ),
            _done(
                2,
                "Principal meetings have followed the new format since January; principals rate "
                "them 4.3 out of 5 for usefulness.",
                _EV + "principal-meeting-agendas.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="8.3",
        component=8,
        text=(
            "Start a leadership pipeline for assistant principals and teacher leaders who want "
            "to move into site leadership."
        ),
        responsible="Director of Human Resources",
        theme=4,
        target_date=date(2022, 6, 30),
        steps=(
            _ip(
                5,
                "A leadership academy cohort of 12 teacher leaders and assistant principals "
                "began in November with LACOE.",
            ),
        ),
    ),
    ActionSpec(
        code="8.4",
        component=8,
        text=(
            "Align principal evaluations with instructional leadership standards and each "
            "school's achievement targets."
        ),
        responsible="State Administrator",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("6.3"),),
        steps=(_ip(2, "Rubric revision opened with the administrators' association."),),
    ),
    ActionSpec(
        code="8.5",
        component=8,
        text=(
            "Coach central office directors on organizing for effort, strategic planning and "
            "aligning curriculum, instruction and assessment."
        ),
        responsible="Chief Academic Officer",
        theme=4,
        target_date=date(2021, 6, 30),
        steps=(
            _ip(
                1,
                "CCEE coaching started with the Executive Director, the Elementary Director and "
                "the English Learner Director.",
            ),
        ),
    ),
    # 9. Professional Learning and Coaching
    ActionSpec(
        code="9.1",
        component=9,
        text=(
            "Develop a multi-year professional learning plan aligned to the instructional vision "
            "and literacy framework, with coaching follow-up after every session."
        ),
        responsible="Chief Academic Officer",
        theme=4,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("7.1"),),
        steps=(_ip(1, "Needs survey completed; plan outline shared with the ILTs."),),
    ),
    ActionSpec(
        code="9.2",
        component=9,
        text=(
            "Align the ELA and mathematics professional learning plans with the instructional "
            "guides and priority standards."
        ),
        responsible="Director of Elementary Education",
        theme=4,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("7.2"),),
        steps=(
            _ip(2, "Content leads mapped next year's ELA and math sessions to the draft guides."),
            _done(
                7,
                "The 2021-22 ELA and math professional learning plans follow the revised guides "
                "and share one calendar; reviewed with CCEE in May.",
                _EV + "pl-plans-ela-math-2021-22.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="9.3",
        component=9,
        text=(
            "Schedule weekly grade-level and department collaboration time (professional "
            "learning communities) with a protocol for looking at student work."
        ),
        responsible="Principals",
        theme=4,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("7.3"),),
        steps=(
            _ip(
                0,
                "Early-release Wednesdays approved for collaboration; the student-work protocol "
                "is in draft.",
            ),
            _done(
                3,
                "Weekly collaboration time is in every school's schedule, including the "
                "distance-learning schedule adopted for summer and fall.",
                _EV + "plc-schedule-2020.pdf",
            ),
            _ip(
                5,
                "This fall the time was repeatedly used for distance-learning logistics and the "
                "protocol lapsed at most schools; reopened until the routine is restored.",
            ),
            _done(
                7,
                "PLCs using the student-work protocol are back at all schools since the April "
                "return to hybrid instruction; agendas checked by Educational Services.",
                _EV + "plc-protocol.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="9.4",
        component=9,
        text=(
            "Define the instructional coach role and assign coaches to schools by need, working "
            "in coaching cycles rather than one-off visits."
        ),
        responsible="Executive Director, Educational Services",
        theme=4,
        target_date=date(2020, 12, 31),
        crosswalk=(_fcmat("7.4"),),
        steps=(
            _ip(1, "Coach role description drafted; need-based assignments under discussion."),
            _done(
                6,
                "Since January coaches are assigned by school need and run six-week cycles "
                "logged in a shared tracker.",
                _EV + "coaching-cycle-tracker.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="9.5",
        component=9,
        text=(
            "Evaluate whether professional learning changes classroom practice, using "
            "walkthrough evidence and student work."
        ),
        responsible="Director of Data and Equity",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("7.5"),),
        steps=(_ip(0, "Post-session surveys in place; classroom follow-up not yet designed."),),
    ),
    ActionSpec(
        code="9.6",
        component=9,
        text=(
            "From the instructional action plan, write a one-year site professional learning "
            "plan on MTSS and consistent use of cycles of inquiry by coaches, ILTs and "
            "principals."
        ),
        responsible="Director of Instructional Strategy and Continuous Improvement",
        theme=4,
        target_date=date(2022, 6, 30),
        steps=(
            _ip(
                7,
                "Outline agreed with CCEE; sessions will be built over the summer with the "
                "incoming director.",
            ),
        ),
    ),
    # 10. Data Management and Use and Student Information Systems
    ActionSpec(
        code="10.1",
        component=10,
        text=(
            "Move all student records into one student information system and retire the "
            "separate systems for grades, attendance and discipline."
        ),
        responsible="Director of Technology",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("8.1"),),
        steps=(_ip(0, "Data migration plan for the new system under review with LACOE."),),
    ),
    ActionSpec(
        code="10.2",
        component=10,
        text=(
            "Validate enrollment, attendance and English learner data before every CALPADS "
            "submission, with a named data owner at each school."
        ),
        responsible="Director of Data and Equity",
        theme=3,
        target_date=date(2021, 12, 31),
        crosswalk=(_fcmat("8.2"),),
        steps=(
            _ip(
                6,
                "Validation checklist introduced for the spring CALPADS submission; site data "
                "owners named.",
            ),
        ),
    ),
    ActionSpec(
        code="10.3",
        component=10,
        text=(
            "Build a dashboard for principals and teachers showing assessment, attendance and "
            "discipline data by student group."
        ),
        responsible="Director of Data and Equity",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("8.3"),),
        steps=(
            _ip(2, "Prototype built with LACOE data staff; three principals are testing it."),
            _done(
                6,
                "Dashboard live for every principal and teacher since February, with "
                "assessment, attendance and engagement by student group.",
                _EV + "data-dashboard-guide.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="10.4",
        component=10,
        text=(
            "Train office staff and teachers on accurate data entry and on using the student "
            "information system and the dashboard."
        ),
        responsible="Director of Technology",
        theme=4,
        target_date=date(2021, 6, 30),
        steps=(
            _ip(
                3,
                "Virtual data-entry training held for office managers in June; teacher training "
                "planned for August.",
            ),
        ),
    ),
    ActionSpec(
        code="10.5",
        component=10,
        text=(
            "Set up data governance: named data stewards, a data calendar and rules on who may "
            "see which data."
        ),
        responsible="Director of Data and Equity",
        theme=3,
        target_date=date(2021, 12, 31),
        steps=(
            _ip(
                3,
                "Stewards named for attendance, assessment and special education data; the data "
                "calendar is in draft.",
            ),
        ),
    ),
    # 11. District and Leadership Capacity
    ActionSpec(
        code="11.1",
        component=11,
        text=(
            "Reorganize Educational Services with clearly separated responsibilities for "
            "curriculum, assessment, English learners and special education, and publish the "
            "structure to schools."
        ),
        responsible="State Administrator",
        theme=1,
        target_date=date(2020, 6, 30),
        crosswalk=(_fcmat("6.4"),),
        steps=(
            _ip(
                0,
                "Draft organization chart shared with LACOE; two director positions are still "
                "vacant.",
            ),
        ),
    ),
    ActionSpec(
        code="11.2",
        component=11,
        text=(
            "Conduct a staffing and workload study of the central office to match positions to "
            "instructional priorities and the FCMAT recommendations."
        ),
        responsible="Chief Business Official",
        target_date=date(2021, 12, 31),
        crosswalk=(_fcmat("6.5"),),
    ),
    ActionSpec(
        code="11.3",
        component=11,
        text=(
            "Create a Director of Instructional Strategy and Continuous Improvement position to "
            "coordinate implementation and monitoring of the SIR and FCMAT actions."
        ),
        responsible="State Administrator",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("6.6"),),
        steps=(
            _done(
                6,
                "Position created, with CCEE funding approved for 2021-22; recruitment is under "
                "way.",
                _EV + "director-instructional-strategy-job-description.pdf",
            ),
        ),
    ),
    ActionSpec(
        code="11.4",
        component=11,
        text=(
            "Design a central office service model that gives each school a named liaison and a "
            "standard response time for requests."
        ),
        responsible="Chief Academic Officer",
        theme=1,
        target_date=date(2020, 12, 31),
        steps=(
            _ip(
                1,
                "Liaisons from Educational Services assigned to schools; the response standard "
                "is still under discussion.",
            ),
        ),
    ),
    ActionSpec(
        code="11.5",
        component=11,
        text=(
            "Strengthen the special education department: written procedures for IEP "
            "timelines, curriculum aligned for students with disabilities, and a reorganized "
            "team."
        ),
        responsible="Director of Special Education",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("4.4"),),
        steps=(
            _ip(
                2,
                "Reorganization proposal drafted with CCEE; an IEP timeline tracker is in use.",
            ),
        ),
    ),
    # 12. Governance Support with Instruction
    ActionSpec(
        code="12.1",
        component=12,
        text=(
            "Give the State Administrator and the board a quarterly instructional report on the "
            "progress of the SIR and FCMAT actions."
        ),
        responsible="Chief Academic Officer",
        theme=3,
        target_date=date(2021, 6, 30),
        crosswalk=(_fcmat("9.1"),),
        steps=(
            _ip(5, "First quarterly SIR and FCMAT report presented to the board on 2020-12-02."),
        ),
    ),
    ActionSpec(
        code="12.2",
        component=12,
        text=(
            "Hold board study sessions on the district's instructional priorities and on the "
            "board's role in supporting them."
        ),
        responsible="Board of Education",
        theme=1,
        target_date=date(2021, 12, 31),
        steps=(
            _ip(
                4,
                "First study session, on literacy and the instructional guides, held virtually "
                "in August 2020.",
            ),
        ),
    ),
    ActionSpec(
        code="12.3",
        component=12,
        text=(
            "Review and update board policies on curriculum, assessment, grading and graduation "
            "requirements."
        ),
        responsible="Board of Education",
        theme=3,
        target_date=date(2021, 12, 31),
        crosswalk=(_fcmat("9.2"),),
        steps=(
            _ip(
                3,
                "Policy review calendar agreed; curriculum and assessment policies sent to the "
                "policy subcommittee.",
            ),
        ),
    ),
    ActionSpec(
        code="12.4",
        component=12,
        text=(
            "Adopt a board policy that makes MTSS the district's framework for instruction and "
            "intervention."
        ),
        responsible="Board of Education",
        theme=2,
        target_date=date(2022, 6, 30),
    ),
)

_MEETINGS = (
    MeetingSpec(
        held_on=date(2019, 9, 17),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "SIR actions and the FCMAT crosswalk; 2019-20 implementation priorities; formation "
            "of instructional leadership teams."
        ),
        summary=(
            "First quarterly progress-monitoring meeting after the SIR report. IUSD, CCEE and "
            "LACOE reviewed the crosswalk of SIR actions to the FCMAT pupil achievement "
            "standards and agreed on three priorities for 2019-20: literacy, the assessment "
            "calendar and instructional leadership teams. Fourteen actions are under way."
        ),
        attendees=(_SA, _CAO, _DAA, _LEAD, _CCEE_DATA, _LACOE_DA),
        swot_notes=(
            (
                _S,
                "The leadership team has adopted the SIR as the district's instructional roadmap.",
            ),
            (_W, "Vacancies in special education and data leadership slow several actions."),
            (_O, "LACOE has offered data staff to help organize benchmark assessment data."),
        ),
        metrics=(
            (
                "Schools with an active instructional leadership team (of 18)",
                Decimal("9"),
                "schools",
            ),
        ),
        next_steps=(
            NextStepSpec(
                "Present the literacy framework to the board for adoption.",
                "Chief Academic Officer",
                date(2019, 11, 30),
                date(2019, 11, 20),
            ),
            NextStepSpec(
                "Share the SIR-FCMAT crosswalk with all principals and ILT leads.",
                "CCEE Lead",
                date(2019, 10, 15),
                date(2019, 10, 9),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2019, 12, 10),
        kind=MeetingKind.QUARTERLY,
        agenda="Literacy framework rollout; new directors; fall benchmark results; ILT progress.",
        summary=(
            "The board adopted the literacy framework in November, and a common ILT agenda is "
            "in use, completing two actions. The CCEE-funded Directors of Special Education and "
            "of Data and Equity have started, and fifteen more actions began this quarter, "
            "including the aligned school plan template and redesigned principal meetings."
        ),
        attendees=(_SA, _CAO, _SPED, _LEAD, _CCEE_DATA, _LACOE_DA, _LACOE_DATA),
        swot_notes=(
            (_S, "The adopted literacy framework gives schools a common instructional anchor."),
            (
                _W,
                "Department cycle-of-inquiry submissions track task completion rather than "
                "student outcomes.",
            ),
            (
                _O,
                "The two CCEE-funded directors add capacity to Educational Services for data and "
                "special education.",
            ),
        ),
        metrics=(
            ("Fall ELA benchmark completion", Decimal("81"), "%"),
            (
                "Schools with an active instructional leadership team (of 18)",
                Decimal("14"),
                "schools",
            ),
        ),
        next_steps=(
            NextStepSpec(
                "Hold the first school performance reviews using winter benchmark results.",
                "Director of Assessment and Accountability",
                date(2020, 2, 28),
                date(2020, 2, 26),
            ),
            NextStepSpec(
                "Draft the special education reorganization proposal with CCEE support.",
                "Director of Special Education",
                date(2020, 3, 6),
                date(2020, 3, 4),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2020, 3, 10),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "Winter benchmark results; principal meetings; curriculum audit; contingency "
            "planning for possible school closures."
        ),
        summary=(
            "The assessment calendar and the new principal meeting format are both in place, "
            "and eleven further actions started, among them the curriculum audit, COST teams "
            "and the data dashboard. Leaders also discussed how instruction and the spring "
            "assessment window would continue if COVID-19 forces schools to close."
        ),
        attendees=(_SA, _CAO, _DAA, _LEAD, _CCEE_DATA, _LACOE_DA, _GEO),
        swot_notes=(
            (_S, "Principal meetings now give most of their time to instructional leadership."),
            (_W, "Winter benchmark completion still ranges from 62% to 96% between schools."),
            (
                _T,
                "School closures for COVID-19 could interrupt the spring assessment window and "
                "professional learning.",
            ),
        ),
        metrics=(
            ("Winter ELA benchmark completion", Decimal("84"), "%"),
            ("Principals who completed a cycle of inquiry this semester", Decimal("61"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Prepare a continuity-of-learning plan in case schools close.",
                "Chief Academic Officer",
                date(2020, 3, 20),
                date(2020, 3, 18),
            ),
            NextStepSpec(
                "Form ILTs at the remaining schools, meeting virtually if needed.",
                "Principals",
                date(2020, 5, 29),
                date(2020, 5, 22),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2020, 6, 16),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "Distance learning since the 16 March closure; devices and connectivity; school "
            "targets for 2020-21; plans for the fall."
        ),
        summary=(
            "Held virtually. Schools closed on 2020-03-16 and moved to distance learning; the "
            "district distributed devices and hotspots and moved professional learning online. "
            "ILTs now meet at every school, 2020-21 school targets are approved and weekly "
            "collaboration time is built into the distance-learning schedule."
        ),
        attendees=(_SA, _CAO, _SPED, _LEAD, _CCEE_SPED, _LACOE_DA),
        swot_notes=(
            (
                _S,
                "The district moved to distance learning within a week and gave a device to "
                "every student who asked for one.",
            ),
            (_W, "Walkthroughs and principal coaching cycles stopped during the closures."),
            (_T, "Lost instructional time and uneven student engagement in distance learning."),
            (
                _O,
                "Revising the instructional guides around priority standards can focus "
                "instruction during distance learning.",
            ),
        ),
        metrics=(
            (
                "Students logging in to distance learning at least weekly (May 2020)",
                Decimal("72"),
                "%",
            ),
            ("Student devices distributed since March", Decimal("6400"), "devices"),
        ),
        next_steps=(
            NextStepSpec(
                "Revise the ELA and math instructional guides around priority standards for "
                "distance learning.",
                "Director of Elementary Education",
                date(2020, 9, 30),
                date(2020, 10, 5),
            ),
            NextStepSpec(
                "Keep weekly collaboration time in the fall distance-learning bell schedule.",
                "Principals",
                date(2020, 8, 17),
                date(2020, 8, 14),
            ),
            NextStepSpec(
                "Set up weekly assessment-completion reports by school for the fall window.",
                "Director of Assessment and Accountability",
                date(2020, 9, 11),
                date(2020, 9, 10),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2020, 9, 15),
        kind=MeetingKind.QUARTERLY,
        agenda="Start of 2020-21 in distance learning; curriculum audit results; IEP backlog.",
        summary=(
            "The 2020-21 school year opened in full distance learning. The curriculum audit is "
            "finished and all family communications now go out in English and Spanish. Five "
            "more actions started, including weekly monitoring of assessment completion; the "
            "backlog of past-due IEPs is a growing concern."
        ),
        attendees=(_SA, _CAO, _DAA, _LEAD, _CCEE_DATA, _LACOE_DATA),
        swot_notes=(
            (
                _S,
                "Guides focused on priority standards are shaping distance-learning lessons in "
                "ELA and math.",
            ),
            (
                _W,
                "Teachers report that training on virtual instruction is not yet reflected in "
                "daily lessons.",
            ),
            (_T, "The backlog of past-due IEPs grew while schools were closed."),
        ),
        metrics=(
            ("Daily attendance in distance learning, first four weeks", Decimal("88"), "%"),
            ("Students with a district device", Decimal("95"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Contact the families of students with low distance-learning attendance through "
                "the COST teams.",
                "Director of Student Support Services",
                date(2020, 10, 30),
                date(2020, 10, 28),
            ),
            NextStepSpec(
                "Clear the backlog of past-due IEPs, starting with students without current "
                "services.",
                "Director of Special Education",
                date(2021, 5, 28),
                date(2021, 6, 4),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2020, 12, 8),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "Revised instructional guides; COST teams; fall literacy screener; collaboration "
            "time in distance learning."
        ),
        summary=(
            "Revised ELA and math instructional guides on priority standards reached every "
            "TK-8 teacher, and COST teams, aligned school plans and parent literacy workshops "
            "are complete. Weekly collaboration time was reopened as in progress because PLC "
            "routines lapsed during distance learning."
        ),
        attendees=(_SA, _CAO, _ELEM, _LEAD, _CCEE_DATA, _LACOE_DA, _GEO),
        swot_notes=(
            (
                _W,
                "PLC time was taken over by distance-learning logistics and the student-work "
                "protocol lapsed at most schools.",
            ),
            (_S, "COST teams at every school follow up with disengaged students."),
            (_O, "LACOE data staff can help schools act on the fall literacy screener results."),
        ),
        metrics=(
            ("Fall literacy screener completion", Decimal("76"), "%"),
            ("Past-due IEPs completed since July", Decimal("52"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Restore PLC protocols at every school and review agendas weekly.",
                "Executive Director, Educational Services",
                date(2021, 3, 31),
                date(2021, 4, 16),
            ),
            NextStepSpec(
                "Plan the return to hybrid instruction, including the spring assessment windows.",
                "State Administrator",
                date(2021, 3, 1),
                date(2021, 2, 24),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2021, 3, 16),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "Return to hybrid instruction; coaching cycles; data dashboard; new continuous "
            "improvement position."
        ),
        summary=(
            "Schools are preparing to reopen in hybrid form in April. Coaches now work in "
            "need-based cycles, the data dashboard is live, daily small-group reading is in "
            "place in TK-3, and the board created a Director of Instructional Strategy and "
            "Continuous Improvement position funded by CCEE."
        ),
        attendees=(_CAO, _DAA, _SPED, _LEAD, _CCEE_SPED, _LACOE_DA),
        swot_notes=(
            (_S, "Coaches now work in structured cycles assigned by school need."),
            (
                _W,
                "Accountability for acting on data is still loosely defined; school performance "
                "reviews vary in rigor.",
            ),
            (
                _O,
                "The new continuous improvement director can coordinate monitoring of the SIR "
                "and FCMAT actions.",
            ),
        ),
        metrics=(
            ("Winter math benchmark completion", Decimal("79"), "%"),
            ("Past-due IEPs completed", Decimal("71"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Give the mid-year literacy assessment at every school, with make-up sessions.",
                "Director of Assessment and Accountability",
                date(2021, 4, 30),
                date(2021, 4, 30),
            ),
            NextStepSpec(
                "Prepare the plan for remote administration of the Smarter Balanced assessments.",
                "Director of Assessment and Accountability",
                date(2021, 4, 15),
                date(2021, 4, 12),
            ),
        ),
    ),
    MeetingSpec(
        held_on=date(2021, 6, 15),
        kind=MeetingKind.QUARTERLY,
        agenda=(
            "Year-end progress on SIR and FCMAT actions; assessment participation; special "
            "education; priorities for 2021-22."
        ),
        summary=(
            "IUSD showed progress in the use of cycles of inquiry at the central office and "
            "principal levels, and its continued literacy focus has brought the ELA and math "
            "professional learning plans into alignment. Educational Services now holds schools "
            "accountable for assessment participation: 85% of students completed the mid-year "
            "literacy assessment and 93% took the 2021 Smarter Balanced Assessment virtually. "
            "CCEE advised making an MTSS-based instructional action plan the priority for "
            "2021-22."
        ),
        attendees=(_SA, _CAO, _DAA, _LEAD, _CCEE_DATA, _LACOE_DA, _LACOE_DATA),
        swot_notes=(
            (
                _S,
                "Cycles of inquiry are used at central office and by principals, and the ELA and "
                "math professional learning plans are aligned.",
            ),
            (
                _W,
                "Accountability structures remain loosely outlined, and some schools still treat "
                "the cycle of inquiry as compliance.",
            ),
            (
                _O,
                "The current cycle of inquiry can reinforce data practices and build "
                "self-accountability across IUSD.",
            ),
            (
                _T,
                "Actions are plateauing in progress: without a clear multi-tiered instructional "
                "plan, many actions stay in progress quarter after quarter.",
            ),
        ),
        metrics=(
            ("Mid-year literacy assessment completion", Decimal("85"), "%"),
            ("Smarter Balanced Assessment completion (2021, virtual)", Decimal("93"), "%"),
            ("Past-due IEPs completed", Decimal("85"), "%"),
        ),
        next_steps=(
            NextStepSpec(
                "Draft the MTSS-based instructional action plan with the new continuous "
                "improvement director.",
                "Chief Academic Officer",
                date(2021, 10, 29),
            ),
            NextStepSpec(
                "Build the 2021-22 site professional learning plan on MTSS and cycles of inquiry.",
                "Director of Instructional Strategy and Continuous Improvement",
                date(2021, 8, 13),
            ),
            NextStepSpec(
                "Define a multi-tiered model of central office support for principals and ILTs.",
                "Executive Director, Educational Services",
                date(2021, 9, 30),
            ),
        ),
    ),
)

IUSD = LeaSpec(
    name="Inglewood Unified School District",
    kind=LeaKind.DISTRICT,
    cds_code="1964634",
    county="Los Angeles",
    engagement=EngagementSpec(
        pathway=Pathway.WRAPAROUND,
        mode=EngagementMode.EMBEDDED_PARTNERSHIP,
        readiness=Readiness.WILLING_UNABLE,
        started_on=date(2018, 10, 1),
    ),
    ccee_lead="alicia.montoya@demo.sir-tracker.example",
    sir=SirSpec(
        title="Inglewood Unified School District Systemic Instructional Review",
        report_date=date(2019, 4, 26),
        state=SirState.FINAL,
        themes=_THEMES,
        findings=_FINDINGS,
        actions=_ACTIONS,
    ),
    meetings=_MEETINGS,
    published=True,
)
