-- Column defaults a column cannot hold are MySQL's error 1067, NOT NULL DEFAULT NULL included.
create database golden_defaults;
use golden_defaults;
create table t (id int, c int not null default null) duplicate key(id);
create table t (id int default null, v int) primary key(id);
create table t (id int, c varchar(2) default 'abc') duplicate key(id);
create table t (id int, c int default null, v varchar(8) not null default 'none') duplicate key(id);
alter table t add column d int not null default null;
alter table t add column d tinyint default 300;
alter table t add column d int null default null;
insert into t (id) values (1);
select * from t;
desc t;
drop database golden_defaults;
