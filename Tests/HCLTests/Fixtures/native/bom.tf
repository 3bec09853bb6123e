bom = "byte order mark"
