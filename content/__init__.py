"""Shipped in the wheel as factsheet_pdf.example.content (the example `factsheet init` copies); not a sheet."""
