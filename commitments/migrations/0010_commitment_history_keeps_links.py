"""Commitment versions keep their links (coalitions, action areas, themes,
countries). The latest version of every commitment already in history is
given the links the commitment has now, which is what they were when that
version was written (links only changed with a version), so that the first
change after this migration does not read as every link being added."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


def _backfill(table, column):
    return migrations.RunSQL(
        f"""
        INSERT INTO commitments_historicalcommitment_{table} (id, commitment_id, {column}, history_id)
        SELECT link.id, link.commitment_id, link.{column}, latest.history_id
        FROM commitments_commitment_{table} link
        JOIN (
            SELECT id, MAX(history_id) AS history_id FROM commitments_historicalcommitment GROUP BY id
        ) latest ON latest.id = link.commitment_id
        """,
        migrations.RunSQL.noop,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('coalitions', '0003_load_reference_data'),
        ('commitments', '0009_maker_verification'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalCommitment_action_areas',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('actionarea', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.actionarea')),
                ('commitment', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.commitment')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='commitments.historicalcommitment')),
            ],
            options={
                'verbose_name': 'HistoricalCommitment_action_areas',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCommitment_coalitions',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('actioncoalition', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.actioncoalition')),
                ('commitment', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.commitment')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='commitments.historicalcommitment')),
            ],
            options={
                'verbose_name': 'HistoricalCommitment_coalitions',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCommitment_countries',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('commitment', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.commitment')),
                ('country', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.country')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='commitments.historicalcommitment')),
            ],
            options={
                'verbose_name': 'HistoricalCommitment_countries',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCommitment_themes',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('commitment', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commitments.commitment')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='commitments.historicalcommitment')),
                ('theme', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coalitions.theme')),
            ],
            options={
                'verbose_name': 'HistoricalCommitment_themes',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        _backfill("coalitions", "actioncoalition_id"),
        _backfill("action_areas", "actionarea_id"),
        _backfill("themes", "theme_id"),
        _backfill("countries", "country_id"),
    ]
