resource "google_sql_database_instance" "db" {
  name             = "broken"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
  }
}
