// search module: see issue
