-- AlterTable
ALTER TABLE "Score" ADD COLUMN     "missing" TEXT[] DEFAULT ARRAY[]::TEXT[];
