"""SIR Tracker: progress monitoring of Systemic Instructional Reviews."""
