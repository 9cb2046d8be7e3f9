"""The office database: schema, migrations, engine and roles (PostgreSQL; SQLite for demos)."""
