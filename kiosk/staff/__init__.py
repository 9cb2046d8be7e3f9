"""The staff console's Qt-free core: accounts, scanning, opening answers, work, search, export."""
