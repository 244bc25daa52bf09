-- SHOW CREATE TABLE round trip and online ALTER TABLE on value columns.
create database golden_alter;
use golden_alter;
create table metrics (host varchar(32) not null comment "the host", ts datetime not null, cpu double sum default "0" comment 'load', hits bigint sum) aggregate key(host, ts) distributed by hash(host) buckets 2 properties ("replication_num" = "1");
show create table metrics;
insert into metrics values ('a', '2024-01-01 10:00:00', 0.5, 1), ('a', '2024-01-01 10:00:00', 0.25, 2);
alter table metrics add column region varchar(8) replace default "eu";
alter table metrics add column errors bigint sum default "0" after cpu;
desc metrics;
select * from metrics;
insert into metrics (host, ts, cpu, hits, region, errors) values ('a', '2024-01-01 10:00:00', 1, 1, 'us', 3);
select * from metrics;
alter table metrics modify column region varchar(8) replace default "apac" comment 'where';
alter table metrics drop column hits;
show create table metrics;
select * from metrics;
alter table metrics drop column host;
alter table metrics drop column nope;
alter table metrics add column cpu double sum;
alter table metrics add column flag int;
create table copy_of_pk (id bigint not null, name string null default "x" comment "n") primary key(id) distributed by hash(id) buckets 3;
show create table copy_of_pk;
create table recreated (
  `id` bigint(20) NOT NULL COMMENT "",
  `name` varchar(65533) NULL DEFAULT "x" COMMENT "n"
) ENGINE=OLAP
PRIMARY KEY(`id`)
DISTRIBUTED BY HASH(`id`) BUCKETS 3;
desc recreated;
desc copy_of_pk;
create table bad_random (k int, v int) primary key(k) distributed by random;
create table bad_distribution (k int, v int) unique key(k) distributed by hash(v);
drop database golden_alter;
