"""Write long-an-bluezone.xlsx from long-an-bluezone.csv: the same 15 districts as an Excel sheet.

The sheet looks like one a clerk receives: a title in A1, the column names in row 3, the districts
in rows 4-18 and a source note under them, so a letter must name the cells (`range: "A3:D18"`).
Run from anywhere: `.venv/bin/python examples/data/make_xlsx.py`.
"""

import csv
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent


def main() -> None:
    with (HERE / "long-an-bluezone.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Long An"
    sheet["A1"] = "Số lượng cài đặt Bluezone theo huyện, tỉnh Long An (14/02 và 02/3/2021)"
    for offset, row in enumerate(rows):
        cells = row if offset == 0 else [row[0], *(int(value) for value in row[1:])]
        for column, value in enumerate(cells, 1):
            sheet.cell(row=3 + offset, column=column, value=value)
    sheet.cell(row=5 + len(rows), column=1, value="Nguồn: Sở Thông tin và Truyền thông Long An")
    book.save(HERE / "long-an-bluezone.xlsx")


if __name__ == "__main__":
    main()
