"""Text pools for the generated LEAs of ``sir-tracker demo --scale``: California's counties,
invented district names and the kind of sentences a SIR, its quarterly meetings and its status
notes contain.

Reports lay out text, and pages show it, so generated LEAs need text of realistic length and
variety (short placeholder strings would make every page cheaper than a real one). Every
district name, person and figure is invented; county names and CDS county codes are real.
"""

from __future__ import annotations

# Invented place names are a first word and a second (45 x 30 = 1,350 places, four kinds of
# district each): enough unique names for the largest scale the command allows.
PLACE_FIRST: tuple[str, ...] = (
    "Alder", "Arroyo", "Aspen", "Bay", "Bear", "Bell", "Birch", "Buckeye", "Cedar", "Cherry",
    "Clover", "Copper", "Coyote", "Crescent", "Cypress", "Eagle", "Elk", "Fern", "Foothill",
    "Fox", "Granite", "Hawk", "Hazel", "Heron", "Iron", "Laurel", "Lupine", "Madrone",
    "Manzanita", "Maple", "Mill", "Mission", "Mustang", "Oak", "Orchard", "Pine", "Poppy",
    "Quail", "Raven", "Redwood", "Sage", "Silver", "Sycamore", "Walnut", "Willow",
)  # fmt: skip
PLACE_SECOND: tuple[str, ...] = (
    "Bluff", "Bridge", "Canyon", "Corners", "Creek", "Crossing", "Flats", "Fork", "Gap",
    "Glen", "Grove", "Heights", "Hills", "Hollow", "Lake", "Landing", "Meadows", "Mesa",
    "Mountain", "Park", "Point", "Ranch", "Ridge", "Run", "Springs", "Summit", "Terrace",
    "Vale", "Valley", "Vista",
)  # fmt: skip

DISTRICT_KINDS: tuple[str, ...] = (
    "Unified School District",
    "Elementary School District",
    "Union High School District",
    "Joint Unified School District",
)

# California's 58 counties: the CDS county code (the first two digits of a district's CDS
# code) and the region of the statewide System of Support whose Geographic Lead Agency serves
# it; the weight is how many generated LEAs a county gets, relatively (the big counties have
# the most districts).
COUNTIES: tuple[tuple[str, str, int, int], ...] = (
    ("Alameda", "01", 4, 4), ("Alpine", "02", 3, 1), ("Amador", "03", 6, 1),
    ("Butte", "04", 2, 2), ("Calaveras", "05", 6, 1), ("Colusa", "06", 3, 1),
    ("Contra Costa", "07", 4, 3), ("Del Norte", "08", 1, 1), ("El Dorado", "09", 3, 2),
    ("Fresno", "10", 7, 4), ("Glenn", "11", 2, 1), ("Humboldt", "12", 1, 2),
    ("Imperial", "13", 9, 2), ("Inyo", "14", 10, 1), ("Kern", "15", 8, 5),
    ("Kings", "16", 7, 2), ("Lake", "17", 1, 1), ("Lassen", "18", 2, 1),
    ("Los Angeles", "19", 11, 10), ("Madera", "20", 7, 2), ("Marin", "21", 4, 2),
    ("Mariposa", "22", 7, 1), ("Mendocino", "23", 1, 2), ("Merced", "24", 7, 2),
    ("Modoc", "25", 2, 1), ("Mono", "26", 10, 1), ("Monterey", "27", 5, 3),
    ("Napa", "28", 4, 1), ("Nevada", "29", 3, 1), ("Orange", "30", 9, 4),
    ("Placer", "31", 3, 2), ("Plumas", "32", 2, 1), ("Riverside", "33", 10, 4),
    ("Sacramento", "34", 3, 3), ("San Benito", "35", 5, 1), ("San Bernardino", "36", 10, 5),
    ("San Diego", "37", 9, 5), ("San Francisco", "38", 4, 1), ("San Joaquin", "39", 6, 3),
    ("San Luis Obispo", "40", 8, 2), ("San Mateo", "41", 4, 2), ("Santa Barbara", "42", 8, 2),
    ("Santa Clara", "43", 4, 3), ("Santa Cruz", "44", 5, 1), ("Shasta", "45", 2, 2),
    ("Sierra", "46", 3, 1), ("Siskiyou", "47", 2, 2), ("Solano", "48", 4, 1),
    ("Sonoma", "49", 1, 3), ("Stanislaus", "50", 6, 3), ("Sutter", "51", 3, 1),
    ("Tehama", "52", 2, 1), ("Trinity", "53", 2, 1), ("Tulare", "54", 7, 4),
    ("Tuolumne", "55", 6, 1), ("Ventura", "56", 8, 3), ("Yolo", "57", 3, 1),
    ("Yuba", "58", 3, 1),
)  # fmt: skip

# Invented people: generated CCEE leads, COE and LEA staff take a first and a last name.
FIRST_NAMES: tuple[str, ...] = (
    "Ana", "Ben", "Carmen", "David", "Esther", "Farid", "Gloria", "Hector", "Irene", "Jamal",
    "Keiko", "Luis", "Maya", "Noah", "Olivia", "Pablo", "Quynh", "Rosa", "Sean", "Teresa",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Alvarez", "Brooks", "Cho", "Duarte", "Estrada", "Fong", "Gutierrez", "Hall", "Ito",
    "Jimenez", "Kaur", "Lopez", "Morales", "Nakamura", "Ortiz", "Patel", "Quintero", "Rivera",
    "Soto", "Tran", "Usman", "Vargas", "Williams", "Xiong", "Yamada", "Zamora",
)  # fmt: skip

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
        "Bring the SIR themes into the principals' evaluation goals so that school plans and "
        "leadership goals point the same way.",
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
        "Set up peer observation rounds among teachers of the same grade so that effective "
        "practices spread between schools.",
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
        "Map every Tier 2 and Tier 3 intervention offered at each school and close the gaps "
        "found between schools.",
        "Give each secondary student an adult mentor who meets them at least once a month.",
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
        "Publish a data protocol that ILTs use after each benchmark window to decide which "
        "students need reteaching.",
        "Audit grading practices at the secondary schools and agree on common grading guidelines.",
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
        "Set up a family resource center that helps parents read report cards and assessment "
        "results.",
        "Hold a yearly community forum on the SIR actions with time for families to question the "
        "district.",
    ),
    7: (
        "Establish an instructional leadership team at every school with protected meeting "
        "time and a common agenda.",
        "Adopt a protocol for ILTs to look at student work and plan next steps each month.",
        "Train ILT members in running improvement cycles tied to the school plan's goals.",
        "Have each ILT present its improvement cycle results to the other schools twice a year.",
        "Give ILT leads a half day each month of release time to plan with the principal.",
        "Publish a short guide to ILT roles, norms and decision-making for new members.",
        "Review each ILT's work twice a year against the school plan with the district team.",
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
        "Pair each new principal with an experienced principal for monthly problem-solving visits.",
        "Build a pipeline program for teacher leaders who aspire to become administrators.",
        "Review principals' calendars each quarter to protect time for classroom visits.",
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
        "Schedule collaboration time for grade-level and content teams every week in the bell "
        "schedule.",
        "Evaluate each professional learning series against classroom observation data each "
        "spring.",
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
        "Set up a data governance committee that approves new data systems and reports.",
        "Give each school a trained data lead who supports teachers with the district dashboard.",
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
        "Write desk manuals for key central office processes so that work continues through "
        "staff turnover.",
        "Survey principals each year on the support they receive from the central office and act "
        "on the results.",
    ),
    12: (
        "Give the board a quarterly report on the SIR actions and student outcomes, with time "
        "for questions at a regular meeting.",
        "Update board policies on curriculum, assessment and graduation requirements.",
        "Hold an annual board study session on student achievement data with CCEE and the "
        "county office.",
        "Train new board members on their role in supporting instruction and the LCAP.",
        "Align the board's annual goals to the SIR themes and review them at a public meeting.",
        "Add a standing item on student learning to every regular board agenda.",
        "Hold a joint session of the board and the cabinet each year to set the next year's "
        "priorities.",
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
