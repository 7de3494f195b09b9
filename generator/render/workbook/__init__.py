"""The three workbooks written with XlsxWriter from the sheet declarations (generator/sheets).

``book`` (workbook and sheet helper), ``cells`` (value types and text rules), ``styles``,
``common`` (carried entries, calendar arithmetic), then one module per sheet group:
``plan`` + ``plan_tasks``/``plan_gates``/``plan_registers``/``plan_budget``,
``migration``, ``training``. Import the renderers from their modules (no heavy imports here).
"""
