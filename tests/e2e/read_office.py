"""Reads a Word (.docx) or Excel (.xlsx) file the app wrote and prints what
it holds as JSON, for tests/e2e/office.spec.mjs. Run with the Python of the
venv tools/setup.sh makes (.venv-readers/), which has python-docx and openpyxl.

    read_office.py FILE.docx  ->  {"paragraphs": [...], "tables": [[[cell, ...], ...], ...],
                                   "headers": [...], "text": "all of it, one line per paragraph or row"}
    read_office.py FILE.xlsx  ->  {"sheets": [{"name": ..., "rows": [[{"value": ..., "type": ..., "format": ...}]]}]}
"""

import json
import sys


def read_docx(path):
    import docx

    document = docx.Document(path)
    paragraphs = [p.text for p in document.paragraphs]
    tables = []
    lines = list(paragraphs)

    def walk(table):
        rows = []
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            rows.append(cells)
            lines.append(" | ".join(cells))
            for cell in row.cells:
                for inner in cell.tables:
                    walk(inner)
        tables.append(rows)

    for table in document.tables:
        walk(table)
    headers = []
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            if part is not None and not part.is_linked_to_previous:
                headers.append("\n".join(p.text for p in part.paragraphs))
    return {"paragraphs": paragraphs, "tables": tables, "headers": headers, "text": "\n".join(lines)}


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            rows.append(
                [{"value": cell.value, "type": cell.data_type, "format": cell.number_format} for cell in row]
            )
        sheets.append({"name": sheet.title, "rows": rows})
    return {"sheets": sheets}


def main():
    path = sys.argv[1]
    result = read_docx(path) if path.endswith(".docx") else read_xlsx(path)
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
