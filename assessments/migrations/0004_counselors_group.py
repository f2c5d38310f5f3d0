from django.db import migrations

COUNSELORS = "Counselors"


def create_group(apps, schema_editor):
    # Membership is granted in the admin; the group itself must exist for that.
    apps.get_model("auth", "Group").objects.get_or_create(name=COUNSELORS)


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0003_sharing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_group, migrations.RunPython.noop),
    ]
