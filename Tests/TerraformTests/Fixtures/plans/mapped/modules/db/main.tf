resource "google_sql_database_instance" "main" {
  database_version = "POSTGRES_16"
  root_password    = "hunter2"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = false
    }
  }
  lifecycle {
    prevent_destroy = true
  }
}

resource "google_sql_user" "users" {
  for_each = toset(["app"])
  name     = each.key
  instance = google_sql_database_instance.main.name
}
