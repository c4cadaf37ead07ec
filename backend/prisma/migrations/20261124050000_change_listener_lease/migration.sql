-- One replica at a time listens to a Salesforce org's change events: it holds a lease it renews every minute.
ALTER TABLE "CrmConnection" ADD COLUMN "listenerId" TEXT;
ALTER TABLE "CrmConnection" ADD COLUMN "listenerLeaseUntil" TIMESTAMP(3);
