"""A bilateral agreement has exactly two parties.

The rule spans rows, so a CHECK cannot hold it: a constraint trigger does, deferred
to the end of the transaction so that an agreement and its parties can be written
in any order within it.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION agreement_check_two_parties(target bigint) RETURNS void AS $$
BEGIN
    PERFORM 1 FROM agreements_agreement a
     WHERE a.id = target AND a.is_bilateral
       AND (SELECT count(*) FROM agreements_agreementparty p WHERE p.agreement_id = a.id) <> 2;
    IF FOUND THEN
        RAISE EXCEPTION 'A bilateral agreement has exactly two parties (agreement id %).', target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_bilateral_two_parties';
    END IF;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION agreement_two_parties_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'agreements_agreement' THEN
        PERFORM agreement_check_two_parties(NEW.id);
    ELSE
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM agreement_check_two_parties(NEW.agreement_id);
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM agreement_check_two_parties(OLD.agreement_id);
        END IF;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER agreement_bilateral_two_parties
    AFTER INSERT OR UPDATE OF is_bilateral ON agreements_agreement
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agreement_two_parties_trigger();

CREATE CONSTRAINT TRIGGER agreement_party_two_parties
    AFTER INSERT OR UPDATE OR DELETE ON agreements_agreementparty
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agreement_two_parties_trigger();
"""

DROP = """
DROP TRIGGER agreement_party_two_parties ON agreements_agreementparty;
DROP TRIGGER agreement_bilateral_two_parties ON agreements_agreement;
DROP FUNCTION agreement_two_parties_trigger();
DROP FUNCTION agreement_check_two_parties(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunSQL(CREATE, DROP)]
