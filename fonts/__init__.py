"""The shipped fonts and their licences, as package data (factsheet_pdf.fontdata in the wheel)."""
