"""Text pools for the generated benchmark LEAs: invented district names and the kind of
sentences a SIR, its quarterly meetings and its status notes contain.

Reports lay out text, so the benchmark needs text of realistic length and variety (short
placeholder strings would make every page cheaper than a real one). Every name and figure
is invented.
"""

from __future__ import annotations

# Invented places; none is a demo LEA's name.
PLACES: tuple[str, ...] = (
    "Alder Creek", "Arroyo Seco", "Bayshore", "Bear Valley", "Bellflower Heights",
    "Cedar Hollow", "Chaparral", "Cienega", "Copper Ridge", "Coyote Springs",
    "Crescent Bay", "Del Norte Vista", "Dry Creek", "Eastlake Hills", "El Camino Real",
    "Feather River", "Foothill Glen", "Golden Poppy", "Granite Bay Ridge", "Hidden Valley",
    "Jackrabbit Flats", "Kings Crossing", "La Cañada Verde", "Laguna Seca", "Lone Pine Mesa",
    "Los Olivos Norte", "Madrone", "Manzanita", "Marisol", "Meadowbrook",
    "Mission Oaks", "Monte Verde", "Mustang Valley", "North Fork", "Oak Knoll",
    "Orchard Park", "Palo Seco", "Pinecrest", "Poplar Grove", "Quail Run",
    "Rancho Sereno", "Red Bluff Hills", "Rio Bravo", "Rolling Hills East", "Sage Canyon",
    "San Benito Valley", "Santa Rita Hills", "Sequoia Grove", "Shadow Mountain", "Sierra Vista",
    "Silver Lake Ridge", "Stony Point", "Sunrise Valley", "Sycamore Flats", "Tamarack",
    "Thousand Pines", "Tres Pinos", "Tule River", "Twin Oaks", "Valle Grande",
    "Valley Springs", "Verdugo Park", "Vista del Mar", "Walnut Creek East", "West Mesa",
    "Whispering Pines", "Wildrose", "Willow Glen North", "Yucca Valley West", "Zinfandel",
)  # fmt: skip

DISTRICT_KINDS: tuple[str, ...] = (
    "Unified School District",
    "Elementary School District",
    "Union High School District",
    "Joint Unified School District",
)

# CDS county codes of the demo's counties (the first two digits of a district's CDS code).
COUNTY_CODES: dict[str, str] = {
    "Los Angeles": "19",
    "Fresno": "10",
    "Sacramento": "34",
    "Kern": "15",
    "San Bernardino": "36",
    "Alameda": "01",
}

THEMES: tuple[str, ...] = (
    "Coherent Tier 1 instruction",
    "Multilingual learner success",
    "Data-informed leadership",
    "Family and community partnership",
    "A multi-tiered system of support",
    "Instructional leadership at every school",
    "Equity in access and outcomes",
    "Stable, capable central office",
    "Governance focused on student learning",
    "Early literacy",
)

# Per component (1-12): recommended actions as a SIR words them.
ACTIONS: dict[int, tuple[str, ...]] = {
    1: (
        "Publish a one-page instructional framework that links the strategic plan's graduate "
        "goals to what is expected in every classroom.",
        "Align school plans to the LCAP goals and the SIR themes with a common template and a "
        "mid-year review of each plan with the principal.",
        "Define the district's theory of action for improvement and explain it to staff, "
        "families and the board in plain language.",
        "Set three to five measurable priorities for the next two years and retire initiatives "
        "that do not serve them.",
        "Create an annual planning calendar so that budget, LCAP and school plan decisions are "
        "made in the right order and with the same data.",
        "Hold a yearly review of progress on the SIR actions with cabinet, principals and "
        "labor partners, and publish what was learned.",
    ),
    2: (
        "Adopt district pacing guides and common unit assessments for ELA and mathematics in "
        "grades K-8.",
        "Review the adopted ELA materials for alignment to the standards and close the gaps "
        "with district-made units where needed.",
        "Map the middle school mathematics sequence so that every student has access to "
        "Integrated Math 1 or Algebra 1 by grade 9.",
        "Define a guaranteed and viable curriculum for science and history-social science, "
        "with essential standards for each grade.",
        "Provide intervention materials and a schedule for Tier 2 reading support in every "
        "elementary school.",
        "Set designated ELD minutes and schedules for each grade span and monitor them through "
        "walkthroughs.",
        "Align high school course offerings to A-G requirements and review them each spring "
        "with counselors.",
    ),
    3: (
        "Train all K-8 teachers in integrated ELD strategies and follow up with classroom "
        "coaching cycles.",
        "Adopt a small set of high-leverage instructional practices and observe them in every "
        "classroom walkthrough.",
        "Build demonstration classrooms for structured literacy in grades K-2 at two schools "
        "and open them to visiting teams.",
        "Use a common lesson structure in mathematics with daily checks for understanding and "
        "student discourse.",
        "Introduce universal design for learning strategies in co-taught classes and review "
        "them with special education staff.",
        "Define what rigorous tasks look like in each content area and collect samples of "
        "student work twice a year.",
    ),
    4: (
        "Adopt a universal social-emotional screener and use the results to plan Tier 2 and "
        "Tier 3 supports.",
        "Write a district-wide positive behavior framework with common expectations, "
        "recognition and a discipline matrix.",
        "Staff a wellness center at each comprehensive high school with counselors and "
        "community mental health partners.",
        "Reduce chronic absenteeism with attendance teams, family outreach and monthly review "
        "of attendance data at every school.",
        "Train staff in restorative practices and track suspensions by student group each quarter.",
    ),
    5: (
        "Adopt a district assessment calendar with data-review weeks after each benchmark window.",
        "Replace overlapping local assessments with one K-8 benchmark system in reading and "
        "mathematics.",
        "Report progress on the LCAP metrics to the board twice a year with the same measures "
        "and definitions.",
        "Set school-level targets for reclassification of English learners and review them "
        "with principals each semester.",
        "Train teachers and leaders to use formative assessment results to regroup students "
        "for reteaching.",
    ),
    6: (
        "Hold family learning nights on literacy and mathematics at every elementary school in "
        "English, Spanish and the district's other main languages.",
        "Create a family engagement plan with the District English Learner Advisory Committee "
        "and report on it each year.",
        "Train front-office staff in welcoming practices and translate key communications "
        "within two school days.",
        "Survey families twice a year on communication and school climate, and share the "
        "results and responses with them.",
        "Offer student voice forums at the secondary schools and bring students' "
        "recommendations to cabinet.",
    ),
    7: (
        "Establish an instructional leadership team at every school with protected meeting "
        "time and a common agenda.",
        "Adopt a protocol for ILTs to look at student work and plan next steps each month.",
        "Train ILT members in running improvement cycles tied to the school plan's goals.",
        "Have each ILT present its improvement cycle results to the other schools twice a year.",
    ),
    8: (
        "Coach every principal as an instructional leader, with monthly classroom visits "
        "alongside a district leader.",
        "Redesign principal meetings so that at least two thirds of the time goes to teaching "
        "and learning.",
        "Create an induction program for new and interim principals with a mentor for the "
        "first two years.",
        "Set clear expectations for assistant principals' instructional duties and evaluate "
        "them against those expectations.",
    ),
    9: (
        "Write a multi-year professional learning plan tied to the district's instructional "
        "priorities and the SIR themes.",
        "Define the instructional coach role and assign coaches to schools by need.",
        "Replace one-time workshops with learning series that include classroom follow-up.",
        "Join the county office's mathematics coaching network with a team from each middle "
        "school.",
        "Provide paraeducators with training in small-group reading instruction and behavior "
        "support.",
    ),
    10: (
        "Build a school dashboard of attendance, benchmark and discipline data that principals "
        "review with their ILTs each month.",
        "Clean up student information system records and assign an owner for each data field "
        "reported to the state.",
        "Connect the assessment platform to the student information system so that teachers "
        "see current rosters and results.",
        "Train office managers and counselors in data entry standards for enrollment, "
        "attendance and course scheduling.",
        "Publish data definitions and a calendar of state reporting deadlines for every "
        "department.",
    ),
    11: (
        "Clarify the roles of the Educational Services departments and publish a single point "
        "of contact for schools.",
        "Fill vacant central office positions in curriculum, assessment and English learner "
        "services with permanent staff.",
        "Set up a cabinet routine to monitor the SIR actions and remove barriers every month.",
        "Create a succession plan for key district leadership roles.",
        "Review the organization chart against the SIR priorities and move positions where "
        "the work requires it.",
    ),
    12: (
        "Give the board a quarterly report on the SIR actions and student outcomes, with time "
        "for questions at a regular meeting.",
        "Update board policies on curriculum, assessment and graduation requirements.",
        "Hold an annual board study session on student achievement data with CCEE and the "
        "county office.",
        "Train new board members on their role in supporting instruction and the LCAP.",
    ),
}

RESPONSIBLE: dict[int, tuple[str, ...]] = {
    1: ("Superintendent", "Superintendent and Cabinet", "Chief Academic Officer"),
    2: ("Director of Curriculum and Instruction", "Assistant Superintendent, Educational Services"),
    3: ("Director of Curriculum and Instruction", "Director of Multilingual Learner Services"),
    4: ("Director of Student Services", "Coordinator of Social-Emotional Learning"),
    5: ("Coordinator of Assessment", "Director of Research and Accountability"),
    6: ("Coordinator of Family Engagement", "Director of Multilingual Learner Services"),
    7: ("Principals", "Assistant Superintendent, Educational Services"),
    8: ("Assistant Superintendent, Educational Services", "Director of Leadership Development"),
    9: ("Director of Professional Learning", "Director of Curriculum and Instruction"),
    10: ("Director of Technology", "Coordinator of Assessment", "Director of Student Data"),
    11: ("Superintendent", "Assistant Superintendent, Human Resources"),
    12: ("Superintendent and Board President", "Superintendent"),
}  # fmt: skip

# Findings: (component, category value, text).
FINDINGS: tuple[tuple[int, str, str], ...] = (
    (1, "strength", "The strategic plan has wide community support and clear goals for graduates."),
    (1, "weakness", "Schools pursue many initiatives at once, and staff cannot name the district's "
     "top priorities."),
    (2, "weakness", "ELA and math materials are adopted, but pacing and unit assessments differ "
     "from school to school."),
    (2, "threat", "Students who move between schools meet different content in the same grade."),
    (3, "weakness", "English learners receive designated ELD of very uneven length and quality."),
    (3, "opportunity", "Two elementary schools have strong ELD routines that other schools could "
     "learn from."),
    (4, "weakness", "Chronic absenteeism has stayed above 25% since 2021-22."),
    (4, "strength", "Counselors and community partners know students and families well."),
    (5, "weakness", "Benchmark results reach schools weeks after the window closes."),
    (5, "threat", "The share of long-term English learners in grades 6-8 has risen for three "
     "years."),
    (6, "strength", "Parent liaisons at every school have close ties with families."),
    (6, "weakness", "Key communications are often sent in English only."),
    (7, "weakness", "Every school has an ILT, but the teams rarely look at student work together."),
    (8, "weakness", "Principal meetings are dominated by operational and compliance items."),
    (8, "threat", "Principal turnover is high; several schools are led by interim "
     "administrators."),
    (9, "opportunity", "The county office runs a math coaching network the district has not yet "
     "joined."),
    (9, "weakness", "Professional learning consists of one-time workshops with no follow-up."),
    (10, "weakness", "Attendance and benchmark reports go to schools monthly but are seldom used "
     "to plan interventions."),
    (11, "weakness", "Central office capacity is thin after staff reductions."),
    (12, "opportunity", "Regular instructional reports to the board could build a shared "
     "understanding of progress."),
)  # fmt: skip

# Status notes; {schools}, {month}, {role} and {share} are filled in per LEA.
STARTED_NOTES: tuple[str, ...] = (
    "Work group of teachers and site leaders formed; a first draft is due in {month}.",
    "Piloted at {schools} schools this quarter; principals are collecting teacher feedback.",
    "The {role} presented the plan to cabinet and began work with two schools.",
    "Scope and timeline agreed with CCEE; the first training day is set for {month}.",
    "Started with the schools in the first cohort; the others join next semester.",
    "Funding identified in the LCAP; planning meetings under way with the county office.",
    "Draft shared with labor partners for comment before it goes to principals.",
    "First cycle under way at {schools} schools with support from the {role}.",
)
COMPLETED_NOTES: tuple[str, ...] = (
    "In place at all {schools} schools; evidence reviewed at the quarterly meeting.",
    "Approved by the board in {month} and posted on the district website.",
    "Completed: {share}% of staff took part, and the routine continues next year.",
    "The {role} confirmed full implementation; walkthrough data show it in most classrooms.",
    "Finished ahead of the target date; results were shared with families in {month}.",
    "Done and handed over to the schools, which now run it without district support.",
)
PAUSED_NOTES: tuple[str, ...] = (
    "Paused: the {role} position is vacant and the work has no owner until it is filled.",
    "Put on hold while the district renegotiates the calendar with labor partners.",
)
RESTARTED_NOTES: tuple[str, ...] = (
    "Restarted under the new {role}, with a shorter timeline agreed with CCEE.",
    "Resumed after the calendar agreement; {schools} schools are taking part.",
)

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "August", "September", "October",
    "November", "December",
)  # fmt: skip

MEETING_SUMMARIES: tuple[str, ...] = (
    "The team reviewed benchmark results and the status of every action. {started} actions "
    "began and {completed} were completed since the last meeting.",
    "Principals reported on their ILT cycles and the district shared its attendance data. "
    "{completed} actions were completed this quarter and {started} began.",
    "Cabinet and CCEE reviewed the actions due this year. Progress is steady: {completed} "
    "completed and {started} started since the last quarterly meeting.",
    "The quarterly review focused on the school plans and the professional learning "
    "calendar; {started} actions began and {completed} were completed.",
)
AGENDAS: tuple[str, ...] = (
    "Benchmark results; status of the SIR actions; next quarter's priorities.",
    "ILT cycles; attendance data; professional learning calendar.",
    "School plan reviews; board report; staffing update.",
    "Family engagement; assessment calendar; actions due this year.",
)
SWOT_NOTES: tuple[tuple[str, str], ...] = (
    ("strength", "Principals and teacher leaders speak about the SIR priorities with one voice."),
    ("strength", "Benchmark participation was high at every school."),
    ("weakness", "Middle school teams have not yet used the ILT protocol."),
    ("weakness", "Designated ELD time is still decided school by school."),
    ("opportunity", "The county office's math network has open seats for next semester."),
    ("opportunity", "A state literacy grant could fund two more reading coaches."),
    ("threat", "Two principal positions are vacant for the fall."),
    ("threat", "Enrollment decline may force budget reductions next year."),
)
METRICS: tuple[tuple[str, str], ...] = (
    ("Teachers trained in integrated ELD strategies", "%"),
    ("Benchmark participation", "%"),
    ("Chronic absenteeism", "%"),
    ("English learners reclassified this year", "%"),
    ("Schools with an active ILT", "schools"),
    ("Classroom walkthroughs completed", "visits"),
)
NEXT_STEPS: tuple[str, ...] = (
    "Publish the assessment calendar with data-review weeks.",
    "Schedule integrated ELD training days for all K-8 staff.",
    "Bring the quarterly SIR report to the board.",
    "Finish the pacing guides before summer.",
    "Share the family survey results with the DELAC.",
)
PEOPLE: tuple[str, ...] = (
    "Dr. Elena Marquez", "Robert Chan", "Aisha Thompson", "Miguel Herrera", "Karen Lindqvist",
    "Tomás Reyes", "Linda Vo", "James Whitfield", "Nadia Rahman", "Carlos Mendoza",
    "Grace Park", "Daniel Okonkwo", "Sofia Castillo", "Peter Nguyen", "Rachel Goldberg",
)  # fmt: skip
