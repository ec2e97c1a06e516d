"""Shipped in the wheel as factsheet_pdf.example.locales (the example `factsheet init` copies); not a sheet."""
