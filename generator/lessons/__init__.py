"""Lessons learned: the register in the plan workbook and the harvest back into packs.

* :mod:`generator.lessons.register` — the register's columns (one declaration,
  en/zh headers) and reading the rows a team recorded from a plan workbook.
* :mod:`generator.lessons.harvest` — ``implkit lessons harvest``: the shared rows
  of one or many kits merged into a pack's lessons file (ruamel.yaml round trip).

Nothing here is imported by ``implkit --help``; openpyxl and ruamel.yaml are
imported inside the functions that use them.
"""
