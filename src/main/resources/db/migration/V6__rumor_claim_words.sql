-- The words a supervisor taught the desk for a cluster's claim (ClaimWords): variants joined by |, as stored.
-- A later message using any of them is compared with the cluster as one naming the same event.
ALTER TABLE rumor_cluster ADD COLUMN claim_words VARCHAR(2000);
ALTER TABLE rumor_cluster ADD COLUMN claim_words_by VARCHAR(100);
ALTER TABLE rumor_cluster ADD COLUMN claim_words_at TIMESTAMP WITH TIME ZONE;
