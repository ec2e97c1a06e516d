"""Shipped in the wheel as factsheet_pdf.example.sites (the example `factsheet init` copies); not a sheet."""
